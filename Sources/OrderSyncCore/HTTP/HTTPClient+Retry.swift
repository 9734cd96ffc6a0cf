import FoundationEssentials

extension HTTPClient {
    /// The attempt loop: authorize, wait for a rate-limit slot, send, then decide between
    /// success, failure, a fresh authorization, or a backoff and another attempt.
    func execute(_ request: HTTPRequest, authorizer: (any Authorizer)?) async throws(HTTPError) -> HTTPResponse {
        let target = request.redactedTarget(under: requestBase)
        func failure(_ kind: HTTPError.Kind) -> HTTPError {
            HTTPError(source: source, method: request.method, path: target, kind: kind)
        }
        guard let url = request.urlString(under: requestBase) else {
            throw failure(.transport(.other("cannot append the path to base_url \(baseURL.absoluteString)")))
        }
        let backoff = settings.backoff
        let maxAttempts = max(1, settings.maxAttempts)
        var attempt = 0
        var reauthorized = false
        while true {
            attempt += 1
            guard !Task.isCancelled else { throw failure(.cancelled) }
            var urlRequest = urlRequest(for: request, url: url)
            // What the authorizer added, to redact from an error body: worked out only when an
            // error body is shown, not on every request.
            var beforeAuthorization: TransportRequest?
            if let authorizer {
                beforeAuthorization = urlRequest
                do {
                    try await authorizer.authorize(&urlRequest, using: self)
                } catch let error as HTTPError {
                    throw error
                } catch is CancellationError {
                    throw failure(.cancelled)
                } catch {
                    throw failure(.authorization("\(error)"))
                }
            }
            if let rateLimiter {
                do {
                    try await rateLimiter.acquire()
                } catch {
                    throw failure(.cancelled)
                }
            }
            countSentRequest()

            let kind: HTTPError.Kind
            var retryAfter: RetryAfter?
            let started = ContinuousClock.now
            let result = await perform(urlRequest)
            reportAttempt(request, target: target, result: result, attempt: attempt, since: started)
            switch result {
            case .success(let response) where response.isSuccess:
                return response
            case .success(let response) where response.status == 401:
                // The authorizer always hears of a 401 so it drops what it cached; one fresh
                // authorization is tried, not counted as an attempt, and a second 401 is final.
                if let authorizer, await authorizer.unauthorized(), !reauthorized {
                    reauthorized = true
                    attempt -= 1
                    continue
                }
                throw failure(.unauthorized)
            case .success(let response):
                let secrets = request.secrets.map(\.reveal) + (beforeAuthorization.map { Self.credentials(before: $0, after: urlRequest) } ?? [])
                kind = .status(response.status, bodySnippet: HTTPError.Kind.snippet(of: response.body, redacting: secrets))
                if response.status == 429 || response.status == 503, let value = response.header("retry-after") {
                    retryAfter = RetryAfter(headerValue: value, now: wallClock())
                }
            case .failure(.cancelled):
                throw failure(.cancelled)
            case .failure(let error):
                kind = .transport(error)
            }

            guard kind.isRetryable else { throw failure(kind) }
            guard attempt < maxAttempts else {
                throw failure(.retriesExhausted(attempts: attempt, last: kind))
            }
            var delay = backoff.delay(forAttempt: attempt, random: random)
            if let retryAfter {
                delay = max(delay, retryAfter.clamped(floor: settings.retryAfterFloor, cap: settings.retryAfterCap))
            }
            reportRetry(after: delay, kind: kind, retryAfter: retryAfter != nil)
            do {
                try await sleeper.sleep(delay)
            } catch {
                throw failure(.cancelled)
            }
        }
    }

    private func perform(_ urlRequest: TransportRequest) async -> Result<HTTPResponse, TransportError> {
        do throws(TransportError) {
            return .success(try await transport.perform(urlRequest, limits: settings.transportLimits))
        } catch {
            return .failure(error)
        }
    }
}

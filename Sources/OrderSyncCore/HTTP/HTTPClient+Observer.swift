import FoundationEssentials

extension HTTPClient {
    /// Sends this client's request and retry events to `observer` (replacing any earlier one).
    public func attach(_ observer: any SyncObserver) {
        observerBox.withValue { $0 = observer }
    }

    var observer: (any SyncObserver)? { observerBox.current }

    /// Reports one finished attempt.
    func reportAttempt(
        _ request: HTTPRequest, target: String, result: Result<HTTPResponse, TransportError>, attempt: Int,
        since start: ContinuousClock.Instant
    ) {
        guard let observer else { return }
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        let milliseconds = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        var event = RequestEvent(source: source, method: request.method, path: target, status: nil, error: nil,
                                 milliseconds: milliseconds, attempt: attempt)
        switch result {
        case .success(let response): event.status = response.status
        case .failure(let error): event.error = error.description
        }
        observer.requestFinished(event)
    }

    /// Reports a retry; a 429 or a `Retry-After` makes it a rate-limit wait.
    func reportRetry(after delay: Duration, kind: HTTPError.Kind, retryAfter: Bool) {
        guard let observer else { return }
        var rateLimited = retryAfter
        if case .status(429, _) = kind { rateLimited = true }
        observer.retryScheduled(source: source, delay: delay, rateLimited: rateLimited)
    }
}

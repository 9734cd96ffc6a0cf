import FoundationEssentials

/// Reads one JSON document from an upstream: the HTTP client's retries (429, 5xx, timeouts),
/// then the checks only a body can answer, retried the same way: a 2xx body that is not JSON
/// (a proxy's error page, a cut-off body) and an envelope that reports a failure
/// (`success: false`, as the dialect declares). One place for every "ask again" above HTTP.
struct UpstreamReader: Sendable {
    let client: HTTPClient
    /// The dialect's envelope check (`DialectAdapter.checkEnvelope`).
    let checkEnvelope: @Sendable (JSONValue) throws(UpstreamError) -> Void
    /// Attempts for a 2xx body that is not JSON.
    var bodyAttempts = 3

    init(client: HTTPClient, adapter: any DialectAdapter) {
        self.client = client
        self.checkEnvelope = { body throws(UpstreamError) in try adapter.checkEnvelope(body) }
    }

    /// Sends `request` and parses the body. A body that is not JSON is asked for again up to
    /// `bodyAttempts` times, a failure envelope up to the source's `max_attempts`, both with the
    /// source's backoff, through the client's sleeper (so a stopping daemon never waits it out).
    func fetchJSON(_ request: HTTPRequest) async throws -> (HTTPResponse, JSONValue) {
        let envelopeAttempts = max(1, client.settings.maxAttempts)
        var attempt = 1
        while true {
            let response: HTTPResponse
            do {
                response = try await client.send(request)
            } catch {
                throw SyncError.http(error)
            }
            do {
                let json = try JSONValue.parse(response.body)
                try checkEnvelope(json)
                return (response, json)
            } catch let error as JSONParseError {
                guard attempt < bodyAttempts else { throw SyncError.invalidBody(path: request.path, error) }
            } catch let error as UpstreamError {
                guard attempt < envelopeAttempts else { throw SyncError.upstream(path: request.path, error) }
            }
            try await client.sleeper.sleep(client.settings.backoff.delay(forAttempt: attempt, random: client.random))
            attempt += 1
        }
    }
}

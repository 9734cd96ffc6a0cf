import Foundation
import Testing
@testable import OrderSyncCore

@Suite("HTTPClient retries")
struct HTTPClientRetryTests {
    @Test("a retryable status is retried, then the success is returned", arguments: [408, 429, 500, 502, 503, 504])
    func retriesStatus(status: Int) async throws {
        let transport = ScriptedTransport(statuses: [status, 200])
        let sleeper = RecordingSleeper()
        let client = HTTPFixtures.client(transport, sleeper: sleeper)

        let response = try await client.send(HTTPFixtures.orders)

        #expect(response.status == 200)
        #expect(transport.requests.count == 2)
        #expect(client.requestCount == 2)
        #expect(sleeper.sleeps == [.milliseconds(500)])
    }

    /// An HTTP-date is measured on the client's injected wall clock, not the machine's: the
    /// header's date is 90 s after the injected now (and decades before the real one).
    @Test("a Retry-After date is read against the injected wall clock")
    func retryAfterDateUsesTheInjectedClock() async throws {
        let busy = HTTPResponse(status: 503, headers: ["Retry-After": "Sun, 06 Nov 1994 08:50:07 GMT"])
        let transport = ScriptedTransport([.success(busy), .success(HTTPResponse(status: 200))])
        let sleeper = RecordingSleeper()
        let client = HTTPFixtures.client(transport, sleeper: sleeper, wallClock: { Instant(secondsSinceEpoch: 784_111_717) })

        #expect(try await client.send(HTTPFixtures.orders).status == 200)
        #expect(sleeper.sleeps == [.seconds(90)])
    }

    @Test("timeouts and broken connections are retried", arguments: [
        TransportError.timedOut, .connectionFailed("connection reset"), .connectionFailed("truncated body"),
    ])
    func retriesTransportError(error: TransportError) async throws {
        let transport = ScriptedTransport([.failure(error), .success(HTTPResponse(status: 204))])
        let sleeper = RecordingSleeper()
        let client = HTTPFixtures.client(transport, sleeper: sleeper)

        let response = try await client.send(HTTPFixtures.orders)

        #expect(response.status == 204)
        #expect(transport.requests.count == 2)
    }

    @Test("client errors are not retried", arguments: [400, 403, 404, 422])
    func noRetryOnClientError(status: Int) async throws {
        let transport = ScriptedTransport(statuses: [status, 200])
        let sleeper = RecordingSleeper()
        let client = HTTPFixtures.client(transport, sleeper: sleeper)

        let error = try #require(await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(HTTPFixtures.orders) })

        #expect(error.kind == .status(status, bodySnippet: "body \(status)"))
        #expect(!error.isRetryable)
        #expect(transport.requests.count == 1)
        #expect(sleeper.sleeps.isEmpty)
    }

    @Test("TLS failures and oversized bodies are not retried", arguments: [
        TransportError.tls("certificate has expired"), .tooLarge(1024), .other("odd"),
    ])
    func noRetryOnPermanentTransportError(failure: TransportError) async throws {
        let transport = ScriptedTransport([.failure(failure), .success(HTTPResponse(status: 200))])
        let client = HTTPFixtures.client(transport, sleeper: RecordingSleeper())

        let error = try #require(await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(HTTPFixtures.orders) })

        #expect(error.kind == .transport(failure))
        #expect(transport.requests.count == 1)
    }

    @Test("exhausted attempts report the last status and the attempt count")
    func retriesExhausted() async throws {
        let maintenance = HTTPResponse(status: 503, body: Array(#"{"error":"maintenance"}"#.utf8))
        let transport = ScriptedTransport(Array(repeating: .success(maintenance), count: 5))
        let sleeper = RecordingSleeper()
        let client = HTTPFixtures.client(transport, settings: HTTPClientSettings(maxAttempts: 3, requestsPerSecond: nil), sleeper: sleeper)

        let error = try #require(await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(HTTPFixtures.orders) })

        #expect(error.kind == .retriesExhausted(attempts: 3, last: .status(503, bodySnippet: #"{"error":"maintenance"}"#)))
        #expect(error.description == #"source "acme-eu": GET /obapi/v1/orders: HTTP 503 after 3 attempts: {"error":"maintenance"}"#)
        #expect(error.isRetryable)
        #expect(transport.requests.count == 3)
        #expect(sleeper.sleeps.count == 2)
    }

    @Test("backoff doubles up to the cap when the jitter picks the upper bound")
    func backoffUpperBound() async throws {
        let transport = ScriptedTransport(statuses: Array(repeating: 500, count: 6))
        let sleeper = RecordingSleeper()
        let settings = HTTPClientSettings(
            maxAttempts: 6, initialBackoff: .milliseconds(500), maxBackoff: .seconds(3), requestsPerSecond: nil
        )
        let client = HTTPFixtures.client(transport, settings: settings, sleeper: sleeper, random: { $0.upperBound })

        _ = await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(HTTPFixtures.orders) }

        #expect(sleeper.sleeps == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3)])
    }

    @Test("full jitter may pick no delay at all")
    func backoffLowerBound() async throws {
        let transport = ScriptedTransport(statuses: [500, 500, 200])
        let sleeper = RecordingSleeper()
        let client = HTTPFixtures.client(transport, sleeper: sleeper, random: { $0.lowerBound })

        _ = try await client.send(HTTPFixtures.orders)

        #expect(sleeper.sleeps == [.zero, .zero])
    }

    @Test("cancellation during a backoff sleep stops the request")
    func cancelDuringBackoff() async throws {
        let transport = ScriptedTransport(statuses: [503, 200])
        let (entered, signal) = AsyncStream<Void>.makeStream()
        let sleeper = Sleeper { duration in
            signal.yield()
            try await Task.sleep(for: .seconds(3600))
        }
        let client = HTTPClient(
            source: "acme-eu", baseURL: HTTPFixtures.baseURL, settings: HTTPClientSettings(requestsPerSecond: nil),
            transport: transport, authorizer: nil, sleeper: sleeper
        )
        let task = Task { () async throws(HTTPError) -> HTTPResponse in try await client.send(HTTPFixtures.orders) }
        for await _ in entered { break }
        task.cancel()

        let result = await task.result

        #expect(throws: HTTPError(source: "acme-eu", method: "GET", path: "/obapi/v1/orders", kind: .cancelled)) {
            try result.get()
        }
        #expect(transport.requests.count == 1)
    }

    @Test("a cancelled task sends nothing")
    func cancelledBeforeStart() async throws {
        let transport = ScriptedTransport(statuses: [200])
        let client = HTTPFixtures.client(transport, sleeper: RecordingSleeper())
        let task = Task { () async throws(HTTPError) -> HTTPResponse in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(HTTPFixtures.orders)
        }

        let result = await task.result

        #expect(throws: HTTPError.self) { try result.get() }
        #expect(transport.requests.isEmpty)
    }

    @Test("requests are paced by the rate limit")
    func rateLimitSpacing() async throws {
        let transport = ScriptedTransport(statuses: [200, 200, 200])
        let sleeper = RecordingSleeper()
        let client = HTTPFixtures.client(transport, settings: HTTPClientSettings(requestsPerSecond: 4), sleeper: sleeper)

        for _ in 0..<3 {
            _ = try await client.send(HTTPFixtures.orders)
        }

        #expect(sleeper.sleeps == [.milliseconds(250), .milliseconds(250)])
    }
}

import Foundation
import OrderSyncTesting
import Testing
@testable import OrderSyncCore

/// Connection handling against `LoopbackServer` (keep-alive, many connections): reuse,
/// redirects, stalls, retries and many requests at once.
@Suite("CurlTransport connections")
struct CurlTransportConnectionTests {
    let transport = CurlTransport()

    private func outcome(_ url: URL, limits: TransportLimits = CurlTransportTests.limits()) async -> Result<HTTPResponse, TransportError> {
        await CurlTransportTests.outcome(transport, url, limits: limits)
    }

    @Test("sequential requests to one host reuse one kept-alive connection")
    func keepAlive() async throws {
        let server = try LoopbackServer(body: #"{"ok":true}"#)

        for page in 1...5 {
            let response = try await outcome(server.url.appendingPathComponent("orders/\(page)")).get()
            #expect(response.status == 200)
            #expect(response.body == Array(#"{"ok":true}"#.utf8))
        }

        #expect(server.requests.map(\.target) == (1...5).map { "/orders/\($0)" })
        #expect(server.connectionCount == 1)
    }

    @Test("a connection the server closed is replaced, not reused")
    func serverCloses() async throws {
        let server = try LoopbackServer { _ in LoopbackServer.response(body: "ok", close: true) }

        for _ in 1...3 {
            #expect(try await outcome(server.url).get().body == Array("ok".utf8))
        }

        #expect(server.connectionCount == 3)
    }

    @Test("a redirect to another host comes back as a 302, and the credentials stay home")
    func redirectNotFollowed() async throws {
        let elsewhere = try LoopbackServer(body: "stolen")
        let server = try LoopbackServer(status: 302, headers: ["Location: \(elsewhere.url.absoluteString)collect"])
        let client = HTTPClient(
            source: "loopback", baseURL: server.url, settings: HTTPClientSettings(requestsPerSecond: nil),
            transport: transport, authorizer: BearerTokenAuthorizer(token: Secret("tok-123")),
            sleeper: RecordingSleeper().sleeper
        )

        let error = await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(HTTPRequest(path: "/orders")) }

        guard case .status(302, _)? = error?.kind else {
            Issue.record("expected a final HTTP 302, got \(String(describing: error))")
            return
        }
        #expect(server.requests.first?.header("authorization") == "Bearer tok-123")
        #expect(elsewhere.requests.isEmpty)
        #expect(elsewhere.connectionCount == 0)
        let response = try await outcome(server.url).get()
        #expect(response.status == 302)
        #expect(response.header("location") == "\(elsewhere.url.absoluteString)collect")
    }

    @Test("a server that drips a byte a second is cut off by the idle timeout")
    func drip() async throws {
        // Complete at this pace in about 40 s, well inside the deadline: only the idle timeout
        // (less than 64 bytes/s for a whole second) can fail it.
        let server = try LoopbackServer { _ in
            .drip(Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8), interval: .seconds(1))
        }

        let result = await outcome(server.url, limits: CurlTransportTests.limits(idleTimeoutSeconds: 1, deadline: .seconds(120)))

        guard case .failure(.timedOut) = result else {
            Issue.record("expected the idle timeout, got \(result)")
            return
        }
    }

    @Test("a server that accepts and never answers is cut off by the idle timeout, before the deadline")
    func silence() async throws {
        let server = try LoopbackServer { _ in .silence }
        let clock = ContinuousClock()
        let started = clock.now

        let result = await outcome(server.url, limits: CurlTransportTests.limits(idleTimeoutSeconds: 1, deadline: .seconds(60)))

        guard case .failure(.timedOut) = result else {
            Issue.record("expected the idle timeout, got \(result)")
            return
        }
        // Which timer fired, not how fast: the deadline is a minute away.
        #expect(clock.now - started < .seconds(30))
        #expect(server.requests.count == 1)
    }

    @Test("a refused connection is retried by the client and fails after its attempts")
    func refusedIsRetried() async throws {
        let port = try LoopbackHTTPServer.refusedPort()
        let sleeper = RecordingSleeper()
        let client = HTTPClient(
            source: "loopback", baseURL: URL(string: "http://127.0.0.1:\(port)/")!,
            settings: HTTPClientSettings(maxAttempts: 3, requestsPerSecond: nil),
            transport: transport, authorizer: nil, sleeper: sleeper.sleeper
        )

        let error = await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(HTTPRequest(path: "/orders")) }

        guard case .retriesExhausted(attempts: 3, last: .transport(.connectionFailed))? = error?.kind else {
            Issue.record("expected three refused attempts, got \(String(describing: error))")
            return
        }
        #expect(client.requestCount == 3)
        #expect(sleeper.sleeps.count == 2)
    }

    @Test("many concurrent requests all complete, each with its own response")
    func concurrent() async throws {
        let server = try LoopbackServer { request in LoopbackServer.response(body: request.target) }
        let transport = transport
        let url = server.url

        let bodies = await withTaskGroup(of: (Int, String).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let result = await CurlTransportTests.outcome(transport, url.appendingPathComponent("orders/\(index)"))
                    return (index, (try? result.get()).map { String(decoding: $0.body, as: UTF8.self) } ?? "\(result)")
                }
            }
            var bodies: [Int: String] = [:]
            for await (index, body) in group { bodies[index] = body }
            return bodies
        }

        #expect(bodies.count == 200)
        for index in 0..<200 {
            #expect(bodies[index] == "/orders/\(index)")
        }
        #expect(server.requests.count == 200)
    }

    @Test("cancelling one of several requests in flight leaves the others to finish")
    func cancelOneOfMany() async throws {
        let server = try LoopbackServer { request in
            request.target == "/stuck" ? .silence : LoopbackServer.response(body: "ok")
        }
        let transport = transport
        let url = server.url
        let limits = CurlTransportTests.limits(idleTimeoutSeconds: 600, deadline: .seconds(600))
        let stuck = Task { () async throws(TransportError) -> HTTPResponse in
            try await transport.perform(TransportRequest(url: url.appendingPathComponent("stuck")), limits: limits)
        }
        for await request in server.requestReceived where request.target == "/stuck" { break }

        async let others = withTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask { (try? await CurlTransportTests.outcome(transport, url, limits: limits).get())?.status ?? 0 }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        stuck.cancel()

        await #expect(throws: TransportError.cancelled) { try await stuck.result.get() }
        #expect(await others == Array(repeating: 200, count: 20))
    }
}

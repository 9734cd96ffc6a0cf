import CCurl
import Foundation
import OrderSyncTesting
import Testing
@testable import OrderSyncCore

/// Real sockets against `LoopbackHTTPServer`; each test's server serves one connection.
@Suite("CurlTransport over loopback")
struct CurlTransportTests {
    let transport = CurlTransport()

    static func limits(
        maxResponseBytes: Int = 1024, idleTimeoutSeconds: Int = 5, deadline: Duration = .seconds(10)
    ) -> TransportLimits {
        TransportLimits(
            connectTimeoutSeconds: 5, idleTimeoutSeconds: idleTimeoutSeconds, deadline: deadline,
            maxResponseBytes: maxResponseBytes
        )
    }

    static func outcome(
        _ transport: CurlTransport, _ url: URL, limits: TransportLimits = limits()
    ) async -> Result<HTTPResponse, TransportError> {
        do throws(TransportError) {
            return .success(try await transport.perform(TransportRequest(url: url), limits: limits))
        } catch {
            return .failure(error)
        }
    }

    private func outcome(
        _ server: LoopbackHTTPServer, limits: TransportLimits = limits()
    ) async -> Result<HTTPResponse, TransportError> {
        await Self.outcome(transport, server.url.appendingPathComponent("orders"), limits: limits)
    }

    @Test("a complete response comes back with status, lower-cased headers and body")
    func normalResponse() async throws {
        let server = try LoopbackHTTPServer(
            reply: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Page: \t2  \r\nVary: a\r\nVARY: b\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"ok\":true}"
        )

        let response = try await outcome(server).get()

        #expect(response.status == 200)
        #expect(response.body == Array(#"{"ok":true}"#.utf8))
        #expect(response.header("x-page") == "2")
        #expect(response.header("X-PAGE") == "2")
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.header("vary") == "a, b")
    }

    @Test("a non-2xx status is a response, not an error")
    func errorStatus() async throws {
        let server = try LoopbackHTTPServer(
            reply: "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy"
        )

        let response = try await outcome(server).get()

        #expect(response.status == 503)
        #expect(response.header("Retry-After") == "7")
        #expect(response.body == Array("busy".utf8))
    }

    @Test("a Content-Length above the limit is refused before the body is read")
    func declaredTooLarge() async throws {
        let body = String(repeating: "x", count: 4096)
        let server = try LoopbackHTTPServer(reply: "HTTP/1.1 200 OK\r\nContent-Length: 4096\r\nConnection: close\r\n\r\n" + body)

        await #expect(throws: TransportError.tooLarge(1024)) { try await outcome(server).get() }
    }

    @Test("a body without Content-Length is cut off once it passes the limit")
    func streamedTooLarge() async throws {
        let body = String(repeating: "y", count: 256 * 1024)
        let server = try LoopbackHTTPServer(reply: "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body)

        await #expect(throws: TransportError.tooLarge(1024)) { try await outcome(server).get() }
    }

    @Test("a body shorter than its Content-Length is a retryable error, not a success")
    func truncatedBody() async throws {
        let server = try LoopbackHTTPServer(reply: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n0123456789")

        let result = await outcome(server)

        guard case .failure(.connectionFailed(let detail)) = result else {
            Issue.record("a truncated body was not a connection failure: \(result)")
            return
        }
        #expect(detail.contains("90 bytes remaining"), "\(detail)")
    }

    @Test("a closed port is a connection failure")
    func connectionRefused() async throws {
        let port = try LoopbackHTTPServer.refusedPort()

        let result = await Self.outcome(transport, URL(string: "http://127.0.0.1:\(port)/orders")!)

        guard case .failure(.connectionFailed(let detail)) = result else {
            Issue.record("expected connectionFailed, got \(result)")
            return
        }
        #expect(!detail.isEmpty)
    }

    @Test("the overall deadline cuts a response that keeps the connection open unfinished")
    func deadline() async throws {
        let server = try LoopbackHTTPServer(
            reply: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789", holdOpen: true
        )

        await #expect(throws: TransportError.timedOut) {
            try await outcome(server, limits: Self.limits(deadline: .milliseconds(300))).get()
        }
    }

    @Test("cancelling the Swift task cancels the request in flight, and the loop serves the next one")
    func cancellation() async throws {
        let server = try LoopbackHTTPServer(reply: [], holdOpen: true)
        let url = server.url
        let transport = transport
        // Timeouts far beyond the test: only the cancellation can end this request.
        let limits = Self.limits(idleTimeoutSeconds: 600, deadline: .seconds(600))
        let task = Task { () async throws(TransportError) -> HTTPResponse in
            try await transport.perform(TransportRequest(url: url), limits: limits)
        }
        for await _ in server.requestReceived { break }
        task.cancel()

        await #expect(throws: TransportError.cancelled) { try await task.result.get() }
        let next = try LoopbackHTTPServer(reply: "HTTP/1.1 204 No Content\r\n\r\n")
        #expect(try await Self.outcome(transport, next.url).get().status == 204)
    }

    @Test("a task cancelled before it sends does not send")
    func cancelledBeforeSending() async throws {
        let server = try LoopbackServer(body: "ok")
        let transport = transport
        let url = server.url
        let task = Task { () async throws(TransportError) -> HTTPResponse in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await transport.perform(TransportRequest(url: url), limits: Self.limits())
        }

        await #expect(throws: TransportError.cancelled) { try await task.result.get() }
        #expect(server.requests.isEmpty)
    }

    @Test("a failed TLS handshake is reported as TLS with libcurl's description")
    func tlsFailure() async throws {
        let server = try LoopbackHTTPServer(reply: "HTTP/1.1 200 OK\r\n\r\nnot TLS at all\r\n", readsRequest: false)

        let result = await Self.outcome(transport, URL(string: "https://127.0.0.1:\(server.port)/orders")!)

        guard case .failure(.tls(let detail)) = result else {
            Issue.record("expected a TLS failure, got \(result)")
            return
        }
        #expect(!detail.isEmpty)
    }

    @Test("libcurl's results map onto retryable and final transport errors", arguments: [
        (CURLE_OPERATION_TIMEDOUT, TransportError.timedOut),
        (CURLE_COULDNT_CONNECT, .connectionFailed("detail")),
        (CURLE_PARTIAL_FILE, .connectionFailed("detail")),
        (CURLE_GOT_NOTHING, .connectionFailed("detail")),
        (CURLE_RECV_ERROR, .connectionFailed("detail")),
        (CURLE_PEER_FAILED_VERIFICATION, .tls("detail")),
        (CURLE_SSL_CONNECT_ERROR, .tls("detail")),
        (CURLE_UNSUPPORTED_PROTOCOL, .other("libcurl error 1: detail")),
    ])
    func curlCodeMapping(code: CURLcode, expected: TransportError) {
        #expect(TransportError(curlCode: code, detail: "detail") == expected)
    }

    @Test("a header value with a line break is refused, never sent as a second header")
    func headerInjection() async throws {
        let server = try LoopbackServer(body: "ok")
        var request = TransportRequest(url: server.url)
        request.setValue("tok\r\nX-Injected: 1", forHTTPHeaderField: "Authorization")

        await #expect(throws: TransportError.other("request header \"Authorization\" contains a line break; not sent")) {
            try await transport.perform(request, limits: Self.limits())
        }
        #expect(server.requests.isEmpty)
    }

    @Test("the client's strictly encoded query and headers reach the wire unchanged")
    func clientOverLoopback() async throws {
        let server = try LoopbackHTTPServer(reply: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]")
        let client = HTTPClient(
            source: "loopback", baseURL: server.url.appendingPathComponent("api"), settings: HTTPClientSettings(),
            transport: transport, authorizer: BearerTokenAuthorizer(token: Secret("tok")), sleeper: RecordingSleeper().sleeper
        )
        let request = HTTPRequest(path: "/orders", query: [
            URLQueryItem(name: "filter[since]", value: "2026-04-30T10:00:00+02:00"), URLQueryItem(name: "q", value: "a b,c"),
        ])

        let response = try await client.send(request)

        #expect(response.body == Array("[]".utf8))
        let head = server.requestHead
        #expect(head.hasPrefix("GET /api/orders?filter%5Bsince%5D=2026-04-30T10%3A00%3A00%2B02%3A00&q=a%20b%2Cc HTTP/1.1\r\n"))
        #expect(head.contains("Authorization: Bearer tok\r\n"))
        #expect(head.contains("User-Agent: \(HTTPClientSettings.defaultUserAgent)\r\n"))
        #expect(!head.contains("Expect:"))
        #expect(client.requestCount == 1)
    }
}

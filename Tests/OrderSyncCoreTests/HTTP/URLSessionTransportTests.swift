#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Foundation
import Testing
@testable import OrderSyncCore

/// Real sockets against `LoopbackHTTPServer`; each test's server serves one connection.
@Suite("URLSessionTransport over loopback")
struct URLSessionTransportTests {
    let transport = URLSessionTransport()

    static func limits(maxResponseBytes: Int = 1024, deadline: Duration = .seconds(10)) -> TransportLimits {
        TransportLimits(connectTimeoutSeconds: 5, idleTimeoutSeconds: 5, deadline: deadline, maxResponseBytes: maxResponseBytes)
    }

    private func outcome(
        _ server: LoopbackHTTPServer, limits: TransportLimits = limits()
    ) async -> Result<HTTPResponse, TransportError> {
        await outcome(URLRequest(url: server.url.appendingPathComponent("orders")), limits: limits)
    }

    private func outcome(_ request: URLRequest, limits: TransportLimits) async -> Result<HTTPResponse, TransportError> {
        do throws(TransportError) {
            return .success(try await transport.perform(request, limits: limits))
        } catch {
            return .failure(error)
        }
    }

    @Test("a complete response comes back with status, lower-cased headers and body")
    func normalResponse() async throws {
        let server = try LoopbackHTTPServer(
            reply: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Page: 2\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"ok\":true}"
        )

        let response = try await outcome(server).get()

        #expect(response.status == 200)
        #expect(response.body == Array(#"{"ok":true}"#.utf8))
        #expect(response.header("x-page") == "2")
        #expect(response.headers["content-type"] == "application/json")
    }

    @Test("a non-2xx status is a response, not an error")
    func errorStatus() async throws {
        let server = try LoopbackHTTPServer(
            reply: "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy"
        )

        let response = try await outcome(server).get()

        #expect(response.status == 503)
        #expect(response.header("Retry-After") == "7")
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

        guard case .failure(let error) = result else {
            Issue.record("a truncated body was accepted: \(result)")
            return
        }
        #expect(error.isRetryable, "\(error)")
    }

    @Test("a closed port is a connection failure")
    func connectionRefused() async throws {
        let port = try LoopbackHTTPServer.refusedPort()
        let request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/orders")!)

        let result = await outcome(request, limits: Self.limits())

        guard case .failure(.connectionFailed(let detail)) = result else {
            Issue.record("expected connectionFailed, got \(result)")
            return
        }
        #expect(!detail.isEmpty)
    }

    @Test("the overall deadline cancels a response that never finishes")
    func deadline() async throws {
        let server = try LoopbackHTTPServer(
            reply: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789", holdOpen: true
        )

        await #expect(throws: TransportError.timedOut) {
            try await outcome(server, limits: Self.limits(deadline: .milliseconds(300))).get()
        }
    }

    @Test("cancelling the Swift task cancels the request in flight")
    func cancellation() async throws {
        let server = try LoopbackHTTPServer(reply: [], holdOpen: true)
        let request = URLRequest(url: server.url)
        let transport = transport
        let task = Task { () async throws(TransportError) -> HTTPResponse in
            try await transport.perform(request, limits: Self.limits())
        }
        for await _ in server.requestReceived { break }
        task.cancel()

        await #expect(throws: TransportError.cancelled) { try await task.result.get() }
    }

    @Test("a failed TLS handshake is reported as TLS with libcurl's description")
    func tlsFailure() async throws {
        let server = try LoopbackHTTPServer(reply: "HTTP/1.1 200 OK\r\n\r\nnot TLS at all\r\n", readsRequest: false)
        let request = URLRequest(url: URL(string: "https://127.0.0.1:\(server.port)/orders")!)

        let result = await outcome(request, limits: Self.limits())

        guard case .failure(.tls(let detail)) = result else {
            Issue.record("expected a TLS failure, got \(result)")
            return
        }
        #expect(!detail.isEmpty)
    }

    @Test("libcurl's generic errors are told apart by their text", arguments: [
        ("SSL certificate problem: unable to get local issuer certificate", true, TransportError.tls("SSL certificate problem: unable to get local issuer certificate")),
        ("transfer closed with 90 bytes remaining to read", true, .connectionFailed("transfer closed with 90 bytes remaining to read")),
        ("OpenSSL SSL_read: error:0A000126:SSL routines::unexpected eof while reading", true, .connectionFailed("OpenSSL SSL_read: error:0A000126:SSL routines::unexpected eof while reading")),
        ("Empty reply from server", false, .connectionFailed("Empty reply from server")),
    ])
    func genericErrorMapping(detail: String, isTLS: Bool, expected: TransportError) {
        let error = NSError(domain: NSURLErrorDomain, code: NSURLErrorUnknown, userInfo: [NSLocalizedDescriptionKey: detail])
        #expect(URLSessionTransfer.transportError(for: error, isTLS: isTLS) == expected)
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
        #expect(head.contains("User-Agent: ordersync/0.1\r\n"))
        #expect(client.requestCount == 1)
    }
}

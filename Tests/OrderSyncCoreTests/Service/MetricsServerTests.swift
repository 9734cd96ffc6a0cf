import Foundation
@testable import OrderSyncCore
import OrderSyncTesting
import Testing

/// The metrics listener against clients that misbehave: deadlines on every phase, refused
/// bodies and oversized heads, keep-alive, a cap on connections, a client that never reads.
/// Each attack runs while a well-behaved `/healthz` must still answer within 1 s.
@Suite("Metrics listener (hostile clients)")
struct MetricsServerTests {
    /// Short deadlines, so the tests see them pass without long waits.
    static func limits(maxConnections: Int = 256) -> MetricsServer.Limits {
        var limits = MetricsServer.Limits()
        limits.headTimeout = .milliseconds(500)
        limits.idleTimeout = .milliseconds(500)
        limits.writeTimeout = .milliseconds(500)
        limits.lingerTimeout = .milliseconds(500)
        limits.maxConnections = maxConnections
        return limits
    }

    static let bigBody = String(repeating: "metric_line 1\n", count: 600_000)  // 8.4 MB

    static func server(_ limits: MetricsServer.Limits = limits()) throws -> (MetricsServer, UInt16) {
        let server = MetricsServer(listen: .tcp(host: "127.0.0.1", port: 0), limits: limits) { path in
            switch path {
            case "/healthz": .init(status: 200, body: "ok\n")
            case "/big": .init(status: 200, body: bigBody)
            default: .init(status: 404, body: "no\n")
            }
        }
        try server.start()
        return (server, try #require(server.port))
    }

    /// A health check as a load balancer sends it: answered, and within the bound.
    static func expectHealthyAnswer(_ port: UInt16, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let started = ContinuousClock.now
        let response = try PlainHTTP.get(port: port, "/healthz")
        let elapsed = ContinuousClock.now - started
        #expect(response.status == 200, sourceLocation: sourceLocation)
        #expect(elapsed < .seconds(1), "healthz took \(elapsed)", sourceLocation: sourceLocation)
    }

    @Test("keep-alive: pipelined requests are answered in order; an idle connection is closed after the idle timeout")
    func keepAlive() throws {
        let (server, port) = try Self.server()
        defer { server.stop() }
        let client = try HostileClient(port: port)
        client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /other HTTP/1.1\r\n\r\n")
        let first = try #require(client.readResponse())
        #expect(first.status == 200 && first.head.contains("Connection: keep-alive"))
        #expect(try #require(client.readResponse()).status == 404)
        client.send("GET /healthz HTTP/1.0\r\n\r\n")
        #expect(try #require(client.readResponse()).head.contains("Connection: close"), "HTTP/1.0 closes by default")
        #expect(client.waitForClose(timeout: .seconds(5)))

        let idle = try HostileClient(port: port)
        idle.send("GET /healthz HTTP/1.1\r\n\r\n")
        #expect(idle.readResponse()?.status == 200)
        #expect(idle.waitForClose(timeout: .seconds(5)), "the idle keep-alive connection is closed")
    }

    @Test("a head dribbled one byte at a time is cut off at the head deadline; others are answered meanwhile")
    func dribbledHead() throws {
        let (server, port) = try Self.server()
        defer { server.stop() }
        let clients = try (0..<20).map { _ in try HostileClient(port: port) }
        let stop = LockedBox(false)
        HostileClient.thread {
            while !stop.current {
                for client in clients { client.send("X") }
                usleep(50_000)  // the attack's pace, not evidence
            }
        }
        defer { stop.withValue { $0 = true } }
        try Self.expectHealthyAnswer(port)
        let started = ContinuousClock.now
        for client in clients { #expect(client.waitForClose(timeout: .seconds(5))) }
        #expect(ContinuousClock.now - started < .seconds(3), "closed at the 0.5 s head deadline, not by a per-read timeout")
        try Self.expectHealthyAnswer(port)
    }

    @Test("bodies are refused (413), a 1 MiB head gets 431 and the client reads it, bad heads 400, POST 405")
    func refusals() throws {
        let (server, port) = try Self.server()
        defer { server.stop() }
        #expect(try PlainHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello").status == 413)
        #expect(try PlainHTTP.exchange(port: port, "GET /healthz HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").status == 413)
        #expect(try PlainHTTP.exchange(port: port, "POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n").status == 405)
        #expect(try PlainHTTP.exchange(port: port, "garbage\r\n\r\n").status == 400)
        #expect(try PlainHTTP.exchange(port: port, "GET / HTTP/1.1\r\nno colon\r\n\r\n").status == 400)

        let huge = try HostileClient(port: port)
        HostileClient.thread { huge.send("GET /healthz HTTP/1.1\r\nX: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\n") }
        let refusal = try #require(huge.readResponse())
        #expect(refusal.status == 431)
        #expect(refusal.head.contains("Connection: close"))
        #expect(huge.waitForClose(timeout: .seconds(5)))
        try Self.expectHealthyAnswer(port)
    }

    @Test("past the connection cap the oldest idle connection makes room; a health check still gets in")
    func connectionCap() throws {
        let (server, port) = try Self.server(Self.limits(maxConnections: 8))
        defer { server.stop() }
        var idle: [HostileClient] = []
        for _ in 0..<20 { idle.append(try HostileClient(port: port)) }
        try Self.expectHealthyAnswer(port)
        // The first twelve were evicted for the later ones (or reached their head deadline).
        for client in idle.prefix(12) { #expect(client.waitForClose(timeout: .seconds(5))) }
        try Self.expectHealthyAnswer(port)
    }

    @Test("a client that never reads a large response is closed at the write deadline and blocks no one")
    func neverReads() throws {
        let (server, port) = try Self.server()
        defer { server.stop() }
        let stalled = try (0..<5).map { _ in try HostileClient(port: port, receiveBuffer: 4096) }
        for client in stalled { client.send("GET /big HTTP/1.1\r\n\r\n") }
        try Self.expectHealthyAnswer(port)
        // The attack itself: the clients stay stalled for twice the write deadline before the
        // first one starts reading (the evidence is what arrives then: less than the response).
        usleep(1_000_000)
        var received = 0
        #expect(stalled[0].waitForClose(timeout: .seconds(10), received: &received))
        #expect(received < Self.bigBody.utf8.count, "the server gave up on the write (\(received) bytes arrived)")
        try Self.expectHealthyAnswer(port)
    }

    @Test("request heads: keep-alive by version and Connection, query stripped")
    func requestHeads() {
        func parse(_ text: String) -> MetricsRequest { MetricsRequest.parse(ArraySlice(text.utf8)) }
        #expect(parse("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n") == .serve(path: "/metrics", keepAlive: true))
        #expect(parse("GET /metrics HTTP/1.1\r\nConnection: Close\r\n\r\n") == .serve(path: "/metrics", keepAlive: false))
        #expect(parse("GET /healthz HTTP/1.0\r\n\r\n") == .serve(path: "/healthz", keepAlive: false))
        #expect(parse("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") == .serve(path: "/healthz", keepAlive: true))
        #expect(parse("GET /healthz HTTP/1.1\r\nContent-Length: 0\r\n\r\n") == .serve(path: "/healthz", keepAlive: true))
        #expect(MetricsRequest.headEnd(in: Array("GET / HTTP/1.1\r\n\r\nGET".utf8), from: -3) == 18)
    }

    @Test("only loopback and unix sockets pass without the exposure warning", arguments: [
        ("127.0.0.1", true), ("127.3.4.5", true), ("::1", true), ("0:0:0:0:0:0:0:1", true), ("::ffff:127.0.0.1", true),
        ("0.0.0.0", false), ("::", false), ("10.1.2.3", false), ("192.168.0.1", false), ("fe80::1", false),
    ])
    func exposure(host: String, local: Bool) {
        let listen = MetricsListen.tcp(host: host, port: 9464)
        #expect(listen.isLocalOnly == local)
        #expect((listen.exposureWarning == nil) == local)
        #expect(listen.exposureWarning?.contains("source names") ?? true)
        #expect(MetricsListen.unix(path: "/run/ordersync/metrics.sock").exposureWarning == nil)
    }
}

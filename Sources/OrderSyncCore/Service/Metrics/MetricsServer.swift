import FoundationEssentials
#if canImport(Glibc)
import Glibc
import PlatformSupport
#endif

/// A deliberately tiny HTTP/1.1 server for `/metrics` and `/healthz`: GET only, one request per
/// connection (it always closes), requests capped at 8 KiB, a 2 s socket timeout, served one at
/// a time from a thread of its own so it never competes with the sync's tasks. Not the
/// simulator's server: that one plays an upstream.
public final class MetricsServer: @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String
        public var body: String

        public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: String) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    static let maxRequestBytes = 8192

    let listenAddress: MetricsListen
    var listenDescription: String { listenAddress.description }
    private let handler: @Sendable (String) -> Response
    /// Written once in `start`, before the thread that reads it exists. `@unchecked Sendable`
    /// covers these two; `stopped` is behind a lock.
    private var descriptor: Int32 = -1
    private let stopped = LockedBox(false)
    /// The TCP port actually bound (useful with port 0); nil for a unix socket.
    public var port: UInt16? { boundPort }
    var boundPort: UInt16?

    /// - Parameter handler: the response for a GET of a path (query stripped).
    public init(listen: MetricsListen, handler: @escaping @Sendable (String) -> Response) {
        self.listenAddress = listen
        self.handler = handler
    }

    /// Binds and starts serving; throws with the reason when the address cannot be bound.
    public func start() throws(MetricsServerError) {
        let fd = try bind()
        descriptor = fd
        OSThread.start(name: "ordersync-metrics") { [self] in acceptLoop(fd) }
    }

    /// Stops accepting; a request being served completes.
    public func stop() {
        let first = stopped.withValue { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first, descriptor >= 0 else { return }
        // shutdown wakes the blocked accept(); the loop then closes the socket.
        _ = shutdown(descriptor, Int32(SHUT_RDWR))
        if case .unix(let path) = listenAddress { _ = unlink(path) }
    }

    private func acceptLoop(_ fd: Int32) {
        while !stopped.current {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                break
            }
            serve(client)
            close(client)
        }
        close(fd)
    }

    private func serve(_ client: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        _ = setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while request.count <= Self.maxRequestBytes {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            request += buffer[0..<count]
            if Self.contains(request, end) { break }
        }
        let response: Response
        if request.count > Self.maxRequestBytes {
            response = Response(status: 431, body: "request too large\n")
        } else {
            response = respond(to: request)
        }
        let reasons = [200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
                       431: "Request Header Fields Too Large", 503: "Service Unavailable"]
        let body = Array(response.body.utf8)
        var head = "HTTP/1.1 \(response.status) \(reasons[response.status] ?? "Status")\r\n"
        head += "Content-Type: \(response.contentType)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        if response.status == 405 { head += "Allow: GET\r\n" }
        head += "\r\n"
        send(client, Array(head.utf8) + body)
    }

    private func respond(to request: [UInt8]) -> Response {
        // Bytes, not Characters: "\r\n" is one Character in Swift.
        let lineBytes = request.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
        let requestLine = String(decoding: lineBytes, as: UTF8.self).split(separator: " ")
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            return Response(status: 400, body: "bad request\n")
        }
        guard requestLine[0] == "GET" else { return Response(status: 405, body: "only GET is served\n") }
        let path = String(requestLine[1].prefix { $0 != "?" })
        return handler(path)
    }

    private func send(_ client: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}

/// The listener could not be set up.
public struct MetricsServerError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small multi-request HTTP/1.1 server on 127.0.0.1 whose every answer a test writes itself:
/// an upstream that reads the providers' docs its own way (ignores `per_page`, fails in an
/// envelope, forgets orders), independent of the built-in simulator.
///
/// One plain thread accepts, one plain thread serves each connection with blocking sockets
/// (never the Swift concurrency pool, so a handler may sleep). Connections are kept alive
/// unless the client or `closeEachConnection` says otherwise. Every request is counted and
/// logged before the handler runs.
public final class HostileUpstream: @unchecked Sendable {
    /// One request as it arrived; the query is percent-decoded.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Query parameters in order, decoded (`page[number]`, not `page%5Bnumber%5D`).
        public var queryItems: [(name: String, value: String)]
        /// Header names lowercased.
        public var headers: [String: String]
        public var body: [UInt8]
        /// 1-based position among all requests this server received.
        public var number: Int

        /// The first value of query parameter `name`.
        public func query(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

        /// Path and query as sent, for logs and per-URL bookkeeping.
        public var target: String
    }

    /// What to answer. `dropConnection` closes without a byte; `cutAfter` sends the head and only
    /// that many body bytes, then closes (a truncated body).
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        public var dropConnection = false
        public var cutAfter: Int?

        public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// A JSON body given as text.
        public static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> Response {
            Response(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
        }

        /// Any JSON-serializable value (`[String: Any]`, `[Any]`, numbers, strings).
        public static func json(object: Any, status: Int = 200, headers: [(String, String)] = []) -> Response {
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed])) ?? Data("null".utf8)
            return Response(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(data))
        }

        public static var notFound: Response { .json(#"{"error": "not found"}"#, status: 404) }

        public static var reset: Response {
            var response = Response(status: 500)
            response.dropConnection = true
            return response
        }
    }

    public typealias Handler = @Sendable (Request) -> Response

    public let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let closeEachConnection: Bool
    private let lock = NSLock()
    private var stopped = false
    private var connections = Set<Int32>()
    private var threadsRunning = 0
    private var log: [String] = []
    private var count = 0

    /// Starts listening at once on an ephemeral loopback port.
    /// - Parameter closeEachConnection: answer every request with `Connection: close`.
    public init(closeEachConnection: Bool = false, handler: @escaping Handler) throws {
        let (fd, port) = try LoopbackSocket.listen()
        listener = fd
        self.port = port
        self.handler = handler
        self.closeEachConnection = closeEachConnection
        threadsRunning = 1
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "HostileUpstream.accept"
        thread.start()
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:PORT`, for a source's `base_url`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Requests received so far.
    public var requestCount: Int { locked { count } }

    /// `METHOD target` of every request so far, in arrival order.
    public var requestLog: [String] { locked { log } }

    /// How many requests so far had a path for which `matches` is true.
    public func requests(where matches: (String) -> Bool) -> Int {
        locked { log }.filter { line in
            let target = line.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
            return matches(String(target.split(separator: "?", maxSplits: 1).first ?? ""))
        }.count
    }

    /// Stops accepting, closes every connection and waits (up to 5 s) for the threads to end.
    public func stop() {
        let open: Set<Int32>? = locked {
            guard !stopped else { return nil }
            stopped = true
            return connections
        }
        guard let open else { return }
        // shutdown wakes a thread blocked in accept or recv; the owning thread closes its fd.
        shutdown(listener, Int32(SHUT_RDWR))
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        let deadline = Date().addingTimeInterval(5)
        while locked({ threadsRunning }) > 0, Date() < deadline { usleep(2_000) }
        close(listener)
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    private func threadEnded() {
        locked { threadsRunning -= 1 }
    }

    private func acceptLoop() {
        defer { threadEnded() }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            let admitted: Bool = locked {
                guard !stopped else { return false }
                connections.insert(connection)
                threadsRunning += 1
                return true
            }
            guard admitted else {
                close(connection)
                return
            }
            var yes: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in serve(connection) }
            thread.name = "HostileUpstream.connection"
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            locked { _ = connections.remove(connection) }
            close(connection)
            threadEnded()
        }
        var reader = ConnectionReader(fd: connection)
        while let parsed = reader.nextRequest() {
            let request: Request = locked {
                count += 1
                log.append("\(parsed.method) \(parsed.target)")
                var request = parsed
                request.number = count
                return request
            }
            let response = handler(request)
            if response.dropConnection { return }
            let clientCloses = request.headers["connection"]?.lowercased() == "close"
            let closing = closeEachConnection || clientCloses || response.cutAfter != nil
            var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
            var hasLength = false
            for (name, value) in response.headers {
                if name.lowercased() == "content-length" { hasLength = true }
                head += "\(name): \(value)\r\n"
            }
            if !hasLength { head += "Content-Length: \(response.body.count)\r\n" }
            head += closing ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n"
            var bytes = Array(head.utf8)
            bytes += response.cutAfter.map { Array(response.body.prefix($0)) } ?? response.body
            guard Self.writeAll(connection, bytes), !closing else { return }
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        LoopbackSocket.writeAll(fd, bytes)
    }

}

/// Reads HTTP/1.1 requests off one connection: head, then a `Content-Length` body.
private struct ConnectionReader {
    let fd: Int32
    var buffer: [UInt8] = []

    mutating func nextRequest() -> HostileUpstream.Request? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while true {
            headEnd = Self.find(terminator, in: buffer)
            if headEnd != nil { break }
            guard fill() else { return nil }
        }
        guard let end = headEnd else { return nil }
        let parsed = RequestHead(buffer[0..<end])
        buffer.removeFirst(end + 4)
        guard let head = parsed else { return nil }
        let length = head.contentLength
        while buffer.count < length {
            guard fill() else { return nil }
        }
        let body = Array(buffer.prefix(length))
        buffer.removeFirst(length)
        let target = head.target
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0]).removingPercentEncoding ?? String(parts[0])
        var items: [(name: String, value: String)] = []
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(kv[0]).removingPercentEncoding ?? String(kv[0])
                let value = kv.count > 1 ? (String(kv[1]).removingPercentEncoding ?? String(kv[1])) : ""
                items.append((name, value))
            }
        }
        return HostileUpstream.Request(
            method: head.method, path: path, queryItems: items, headers: head.headers, body: body, number: 0,
            target: target)
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}

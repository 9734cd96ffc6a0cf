import Foundation
import OrderSyncCore
#if canImport(Glibc)
import Glibc
#endif

/// A keep-alive HTTP/1.1 server on 127.0.0.1 for transport tests: any number of connections,
/// each on its own thread, every request answered by the test's handler.
///
/// Blocking sockets on plain threads, never on the Swift concurrency pool. Counts connections
/// and records every request head, so tests can see reuse and what reached the wire.
public final class LoopbackServer: Sendable {
    /// What the server does with one request.
    public enum Reply: Sendable {
        /// Writes the bytes in one go; `close` ends the connection afterwards.
        case bytes([UInt8], close: Bool)
        /// Writes the bytes one at a time, `interval` apart, then closes.
        case drip([UInt8], interval: Duration)
        /// Never answers; holds the connection until the client goes away.
        case silence
    }

    /// One request as it arrived.
    public struct Request: Sendable {
        /// The request line and headers, CRLF-separated, as on the wire.
        public let head: String
        /// Which accepted connection it came on, counting from 1.
        public let connection: Int

        /// `GET /path?query HTTP/1.1` → `/path?query`.
        public var target: String {
            let line = head.prefix { $0 != "\r" && $0 != "\n" }
            let parts = line.split(separator: " ")
            return parts.count > 1 ? String(parts[1]) : ""
        }

        /// The value of a request header, whatever the case of `name`.
        public func header(_ name: String) -> String? {
            for line in head.split(separator: "\r\n").dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                if line[..<colon].lowercased() == name.lowercased() {
                    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    public let port: UInt16
    /// Yields every request as soon as its head has been read.
    public let requestReceived: AsyncStream<Request>
    private let listener: Int32
    private let state = LockedBox<(connections: Int, requests: [Request])>((0, []))

    /// - Parameter handler: called on the connection's thread for every request.
    public init(handler: @escaping @Sendable (Request) -> Reply) throws {
        let (fd, port) = try LoopbackSocket.listen(backlog: 128)
        listener = fd
        self.port = port
        let (stream, continuation) = AsyncStream<Request>.makeStream()
        requestReceived = stream
        let state = state
        Thread.detachNewThread {
            while true {
                let connection = accept(fd, nil, nil)
                if connection < 0 && errno == EINTR { continue }
                guard connection >= 0 else { return }
                let number = state.withValue { $0.connections += 1; return $0.connections }
                Thread.detachNewThread {
                    Self.serve(connection, number: number, state: state, handler: handler, received: continuation)
                }
            }
        }
    }

    /// A server that answers every request with the same response.
    public convenience init(status: Int = 200, headers: [String] = [], body: String = "") throws {
        let reply = Self.response(status: status, headers: headers, body: body)
        try self.init { _ in reply }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// A complete response with `Content-Length`; `headers` are `Name: value` lines.
    public static func response(status: Int = 200, headers: [String] = [], body: String, close: Bool = false) -> Reply {
        let bytes = Array(body.utf8)
        var head = "HTTP/1.1 \(status) Status\r\nContent-Length: \(bytes.count)\r\n"
        for line in headers { head += line + "\r\n" }
        if close { head += "Connection: close\r\n" }
        return .bytes(Array((head + "\r\n").utf8) + bytes, close: close)
    }

    public var url: URL {
        URL(string: "http://127.0.0.1:\(port)/")!
    }

    /// Connections accepted so far.
    public var connectionCount: Int {
        state.withValue { $0.connections }
    }

    /// Every request received so far, in order of arrival.
    public var requests: [Request] {
        state.withValue { $0.requests }
    }

    private static func serve(
        _ connection: Int32, number: Int, state: LockedBox<(connections: Int, requests: [Request])>,
        handler: @Sendable (Request) -> Reply, received: AsyncStream<Request>.Continuation
    ) {
        defer { close(connection) }
        var buffered: [UInt8] = []
        while let head = readHead(connection, buffered: &buffered) {
            let request = Request(head: head, connection: number)
            state.withValue { $0.requests.append(request) }
            received.yield(request)
            switch handler(request) {
            case .bytes(let bytes, let close):
                guard writeAll(connection, bytes), !close else { return }
            case .drip(let bytes, let interval):
                for byte in bytes {
                    guard writeAll(connection, [byte]) else { return }
                    Thread.sleep(forTimeInterval: Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
                }
                return
            case .silence:
                var byte: UInt8 = 0
                while recv(connection, &byte, 1, 0) > 0 {}
                return
            }
        }
    }

    /// Reads one request head (and skips its body, by `Content-Length`); `nil` when the client
    /// closed the connection.
    private static func readHead(_ connection: Int32, buffered: inout [UInt8]) -> String? {
        let terminator = Array("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = buffered.firstRange(of: terminator) {
                let head = String(decoding: buffered[..<end.lowerBound], as: UTF8.self)
                buffered.removeSubrange(..<end.upperBound)
                let request = Request(head: head, connection: 0)
                var bodyLength = request.header("content-length").flatMap { Int($0) } ?? 0
                while bodyLength > buffered.count {
                    let count = recv(connection, &chunk, chunk.count, 0)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { return nil }
                    buffered.append(contentsOf: chunk[0..<count])
                }
                bodyLength = min(bodyLength, buffered.count)
                buffered.removeSubrange(..<bodyLength)
                return head
            }
            let count = recv(connection, &chunk, chunk.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffered.append(contentsOf: chunk[0..<count])
        }
    }

    private static func writeAll(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        LoopbackSocket.writeAll(connection, bytes)
    }
}

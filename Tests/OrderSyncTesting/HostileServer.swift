import Foundation
import OrderSyncCore
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 upstream on 127.0.0.1 that answers every request with whatever the test's
/// handler returns: for tests that play a hostile or broken provider (echoing credentials,
/// absurd records) without the built-in simulator.
///
/// One request per connection (`Connection: close`), connections served one after another on a
/// plain thread with blocking sockets, never on the Swift concurrency pool. Self-contained: it
/// shares nothing with the simulator's server.
public final class HostileServer: Sendable {
    /// One request as it arrived.
    public struct Request: Sendable {
        public var method: String
        /// The path without the query, still percent-encoded.
        public var path: String
        /// The query's items, percent-decoded.
        public var query: [String: String]
        /// Header names lowercased.
        public var headers: [String: String]
        public var body: [UInt8]

        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    /// What to send back.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]

        public init(status: Int = 200, headers: [String: String] = ["Content-Type": "application/json"], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public init(status: Int = 200, json: String) {
            self.init(status: status, body: Array(json.utf8))
        }
    }

    public let port: UInt16
    private let listener: Int32
    private let received = LockedBox<[Request]>([])

    /// Starts listening at once; `handler` is called for every request, on the server's thread.
    public init(_ handler: @escaping @Sendable (Request) -> Response) throws {
        let (fd, port) = try LoopbackSocket.listen()
        listener = fd
        self.port = port
        Thread.detachNewThread { [received] in
            while true {
                let connection = accept(fd, nil, nil)
                guard connection >= 0 else {
                    if errno == EINTR { continue }
                    close(fd)  // the listener was shut down
                    return
                }
                if let request = Self.readRequest(connection) {
                    received.withValue { $0.append(request) }
                    Self.write(handler(request), to: connection)
                }
                close(connection)
            }
        }
    }

    deinit {
        stop()
    }

    /// Stops accepting connections; idempotent.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// `http://127.0.0.1:<port>`, for a configuration's `base_url`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far.
    public var requests: [Request] { received.current }

    private static func readRequest(_ connection: Int32) -> Request? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data += buffer[0..<count]
            headEnd = data.firstRange(of: separator)?.upperBound
            if data.count > 1 << 20 { return nil }
        }
        guard let head = RequestHead(data[..<headEnd!]) else { return nil }
        var body = Array(data[headEnd!...])
        while body.count < head.contentLength {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            body += buffer[0..<count]
        }
        let components = URLComponents(string: head.target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        return Request(
            method: head.method, path: components?.percentEncodedPath ?? head.target, query: query,
            headers: head.headers, body: body)
    }

    private static func write(_ response: Response, to connection: Int32) {
        var head = "HTTP/1.1 \(response.status) \(response.status < 400 ? "OK" : "Error")\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + response.body
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }
}

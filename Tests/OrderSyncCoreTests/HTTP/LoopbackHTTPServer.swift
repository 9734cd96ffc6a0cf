import Foundation
@testable import OrderSyncCore
import OrderSyncTesting
#if canImport(Glibc)
import Glibc
#endif

/// A one-connection HTTP server on 127.0.0.1 for real-socket transport tests: it accepts one
/// connection, reads the request head, writes canned bytes in one go, then either closes or
/// holds the connection open until the client goes away.
///
/// Blocking sockets on a plain thread, never on the Swift concurrency pool.
final class LoopbackHTTPServer: Sendable {
    let port: UInt16
    /// Yields once when the request head has been read.
    let requestReceived: AsyncStream<Void>
    private let listener: Int32
    private let head = LockedBox("")

    /// The request head as it arrived on the wire (empty until then).
    var requestHead: String {
        head.withValue { $0 }
    }

    convenience init(reply: String, holdOpen: Bool = false, readsRequest: Bool = true) throws {
        try self.init(reply: Array(reply.utf8), holdOpen: holdOpen, readsRequest: readsRequest)
    }

    /// `readsRequest: false` replies at once, e.g. with plain text to a TLS handshake.
    init(reply: [UInt8], holdOpen: Bool = false, readsRequest: Bool = true) throws {
        let (fd, port) = try LoopbackSocket.listen(backlog: 4)
        listener = fd
        self.port = port
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        requestReceived = stream
        Thread.detachNewThread { [fd, head] in
            let connection = accept(fd, nil, nil)
            guard connection >= 0 else { return }
            defer { close(connection) }
            if readsRequest {
                let received = Self.readRequestHead(connection)
                head.withValue { $0 = received }
            }
            continuation.yield()
            Self.writeAll(connection, reply)
            if holdOpen {
                // Wait until the client closes or resets the connection.
                var byte: UInt8 = 0
                while recv(connection, &byte, 1, 0) > 0 {}
            }
        }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// A port on which nothing listens: bound, read back, and closed again.
    static func refusedPort() throws -> UInt16 {
        let (fd, port) = try LoopbackSocket.listen()
        close(fd)
        return port
    }

    var url: URL {
        URL(string: "http://127.0.0.1:\(port)/")!
    }


    private static func readRequestHead(_ connection: Int32) -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let terminator = Array("\r\n\r\n".utf8)
        while !received.contains(subsequence: terminator) {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: received, as: UTF8.self)
    }

    private static func writeAll(_ connection: Int32, _ bytes: [UInt8]) {
        LoopbackSocket.writeAll(connection, bytes)
    }
}

private extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard count >= subsequence.count else { return false }
        return (0...(count - subsequence.count)).contains { Array(self[$0..<($0 + subsequence.count)]) == subsequence }
    }
}

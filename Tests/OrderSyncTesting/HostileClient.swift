import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A client that misbehaves on purpose, for the metrics listener's tests: it connects to a
/// loopback port and then sends what, and reads when, the test says (a head one byte at a
/// time, nothing at all, a megabyte of head, requests it never reads the answers to).
public final class HostileClient: @unchecked Sendable {
    public let fd: Int32

    /// Connects to 127.0.0.1:`port`; `receiveBuffer` shrinks the socket's receive buffer before
    /// connecting (so the server's writes stall as soon as possible when nothing is read).
    public init(port: UInt16, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    /// Sends all of `text`; false once the server closed or reset the connection.
    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool { LoopbackSocket.writeAll(fd, bytes) }

    /// Reads and drops everything until the server closes (EOF or reset); false when it is
    /// still open at `timeout`. Returns how many bytes came before the close through `received`.
    public func waitForClose(timeout: Duration, received: UnsafeMutablePointer<Int>? = nil) -> Bool {
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var total = 0
        defer { received?.pointee = total }
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count > 0 { total += count; continue }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            return true
        }
        return false
    }

    /// Reads one response (head plus `Content-Length` body), waiting up to `timeout`.
    public func readResponse(timeout: Duration = .seconds(5)) -> PlainHTTP.Response? {
        let deadline = ContinuousClock.now + timeout
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !PlainHTTP.isComplete(received) {
            guard ContinuousClock.now < deadline else { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            // One byte at a time past the head would be slow; a pipelined second response is
            // left in the socket by reading no further than this one's end.
            let count = recv(fd, &buffer, 1, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return PlainHTTP.parse(received)
    }

    /// Runs `body` on a thread of its own (the attack goes on while the test probes).
    public static func thread(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread { body() }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

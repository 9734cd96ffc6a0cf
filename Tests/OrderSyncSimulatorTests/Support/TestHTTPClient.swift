import Foundation

/// A blocking raw-socket HTTP/1.1 client, so tests control exactly which
/// bytes go out and when (split and pipelined requests, kept-alive connections).
final class TestHTTPClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        // A hung server must fail the test, not hang it.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "connect to port \(port) failed: errno \(errno)")
        }
    }

    deinit {
        close(fd)
    }

    func send(_ text: String) {
        send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Reads more bytes; false at end of stream or on error (e.g. a reset).
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 && errno == ECONNRESET { throw Failure(description: "connection reset") }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Reads one response, or throws when the connection ends first.
    func readResponse() throws -> TestResponse {
        var headerEnd: Int?
        while headerEnd == nil {
            if let range = findHeaderEnd() {
                headerEnd = range
            } else if try !fill() {
                throw Failure(description: "connection closed before a complete response head (\(buffer.count) bytes)")
            }
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let start = headerEnd! + 4
        while buffer.count < start + length {
            guard try fill() else {
                throw Failure(description: "body cut short: \(buffer.count - start) of \(length) bytes")
            }
        }
        let body = Array(buffer[start..<(start + length)])
        buffer.removeFirst(start + length)
        return TestResponse(status: status, headers: headers, body: body)
    }

    /// Whether the server closed the connection (reads return end of stream).
    func isClosedByPeer() -> Bool {
        (try? fill()) != true
    }

    private func findHeaderEnd() -> Int? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4) where buffer[index..<(index + 4)].elementsEqual(marker) {
            return index
        }
        return nil
    }

    /// Sends one request and reads its response on this connection.
    func request(_ method: String = "GET", _ target: String, token: String? = nil, body: String? = nil,
                 headers: [String: String] = [:]) throws -> TestResponse {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let token { text += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body {
            text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            text += "\r\n"
        }
        send(text)
        return try readResponse()
    }
}

/// One response as read off the wire.
struct TestResponse {
    var status: Int
    /// Lower-cased names.
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed with JSONSerialization (fine in tests: amounts are
    /// checked as text through `decimal`).
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
    }

    func object() throws -> [String: Any] {
        guard let object = try json() as? [String: Any] else { throw TestHTTPClient.Failure(description: "not an object: \(text)") }
        return object
    }

    func array() throws -> [[String: Any]] {
        guard let array = try json() as? [Any] else { throw TestHTTPClient.Failure(description: "not an array: \(text)") }
        return array.compactMap { $0 as? [String: Any] }
    }
}

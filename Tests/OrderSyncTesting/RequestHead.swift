import Foundation

/// The head of an HTTP/1.1 request as the loopback test servers read it: method, target and
/// header fields (names lower-cased). One parser for `HostileServer` and `HostileUpstream`.
struct RequestHead {
    var method: String
    /// The request target as sent: path and query, still percent-encoded.
    var target: String
    var headers: [String: String]

    /// Parses the bytes before the blank line; nil without a method and a target.
    init?(_ bytes: some Collection<UInt8>) {
        var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        method = String(requestLine[0])
        target = String(requestLine[1])
        headers = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }

    /// `Content-Length`, 0 when absent or unreadable.
    var contentLength: Int { headers["content-length"].flatMap { Int($0) } ?? 0 }
}

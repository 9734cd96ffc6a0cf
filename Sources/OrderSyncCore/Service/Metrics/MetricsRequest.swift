import FoundationEssentials
import PlatformSupport

/// What the listener makes of one request head: a GET to serve (and whether the connection
/// stays open after it), or a refusal that closes the connection. Bytes, not Characters, all
/// along: "\r\n" is one Character in Swift, and a head is not necessarily valid UTF-8.
enum MetricsRequest: Equatable {
    case serve(path: String, keepAlive: Bool)
    case refuse(status: Int, message: String)

    private static let crlf: [UInt8] = [13, 10]

    /// The index just past the `\r\n\r\n` that ends the head, searching from `start` (callers
    /// pass where the previous search stopped, minus 3, so a dribbled head is scanned once).
    static func headEnd(in buffer: [UInt8], from start: Int) -> Int? {
        var index = max(0, start)
        while index + 3 < buffer.count {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 {
                return index + 4
            }
            index += 1
        }
        return nil
    }

    /// Judges a complete head (without the final empty line's `\r\n`).
    static func parse(_ head: ArraySlice<UInt8>) -> MetricsRequest {
        var lines = head.split(separator: 13, omittingEmptySubsequences: true).map { line in
            String(decoding: line.first == 10 ? line.dropFirst() : line, as: UTF8.self)
        }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return .refuse(status: 400, message: "bad request: no request line\n") }
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            return .refuse(status: 400, message: "bad request: expected \"GET /metrics HTTP/1.1\"\n")
        }
        guard requestLine[0] == "GET" else { return .refuse(status: 405, message: "only GET is served\n") }
        var keepAlive = requestLine[2] != "HTTP/1.0"
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else {
                return .refuse(status: 400, message: "bad request: a header line without a colon\n")
            }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingWhitespace().lowercased()
            switch name {
            case "content-length" where value != "0", "transfer-encoding":
                // GET-only routes: a body could only be a mistake or a smuggling attempt, and
                // refusing it means never having to read (or skip) one.
                return .refuse(status: 413, message: "/metrics and /healthz take no request body\n")
            case "connection":
                let tokens = value.split(separator: ",").map { $0.trimmingWhitespace() }
                if tokens.contains("close") { keepAlive = false } else if tokens.contains("keep-alive") { keepAlive = true }
            default:
                break
            }
        }
        return .serve(path: String(requestLine[1].prefix { $0 != "?" }), keepAlive: keepAlive)
    }

    static let reasons = [200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
                          413: "Content Too Large", 431: "Request Header Fields Too Large", 503: "Service Unavailable"]

    /// Head and body in one buffer, so they go out in one write (no Nagle delay between them).
    static func responseBytes(_ response: MetricsServer.Response, keepAlive: Bool) -> [UInt8] {
        let body = Array(response.body.utf8)
        var head = "HTTP/1.1 \(response.status) \(reasons[response.status] ?? "Status")\r\n"
        head += "Content-Type: \(response.contentType)\r\nContent-Length: \(body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        if response.status == 405 { head += "Allow: GET\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}

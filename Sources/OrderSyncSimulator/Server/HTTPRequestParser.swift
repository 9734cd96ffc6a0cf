import FoundationEssentials

/// Turns the bytes of one connection into requests, however they arrive:
/// split across reads or several pipelined in one.
struct HTTPRequestParser {
    /// Why the bytes cannot be a request; the connection answers and closes.
    struct Failure: Error, Equatable {
        var status: Int
        var message: String
    }

    static let maxHeaderBytes = 64 * 1024
    static let maxBodyBytes = 16 * 1024 * 1024

    private var buffer: [UInt8] = []

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete request, nil when more bytes are needed.
    mutating func next() throws(Failure) -> HTTPRequest? {
        guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: buffer) else {
            if buffer.count > Self.maxHeaderBytes {
                throw Failure(status: 431, message: "request head exceeds \(Self.maxHeaderBytes) bytes")
            }
            return nil
        }
        let head = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            throw Failure(status: 400, message: "malformed request line; expected `METHOD /path HTTP/1.1`")
        }
        var headers = HTTPHeaders()
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw Failure(status: 400, message: "malformed header line `\(line)`; expected `Name: value`")
            }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingASCIISpaces())
        }
        if headers["Transfer-Encoding"] != nil {
            throw Failure(status: 501, message: "chunked request bodies are not supported; send Content-Length")
        }
        var length = 0
        if let declared = headers["Content-Length"] {
            guard let value = Int(declared), value >= 0 else {
                throw Failure(status: 400, message: "Content-Length `\(declared)` is not a non-negative integer")
            }
            guard value <= Self.maxBodyBytes else {
                throw Failure(status: 413, message: "body of \(value) bytes exceeds \(Self.maxBodyBytes)")
            }
            length = value
        }
        let bodyStart = headerEnd + 4
        guard buffer.count >= bodyStart + length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        var request = HTTPRequest(method: String(requestLine[0]), target: String(requestLine[1]),
                                  headers: headers, body: body)
        if requestLine[2] == "HTTP/1.0", headers["Connection"]?.lowercased() != "keep-alive" {
            request.headers.set("Connection", "close")
        }
        return request
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

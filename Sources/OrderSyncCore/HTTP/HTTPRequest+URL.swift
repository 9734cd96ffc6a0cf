import FoundationEssentials

extension HTTPRequest {
    /// The full URL: the base URL's scheme, host and port, its path followed by `path`, and
    /// the strictly encoded query. `nil` only when the base URL cannot carry a path.
    func url(relativeTo baseURL: URL) -> URL? {
        url(under: RequestBase(baseURL))
    }

    /// The full URL under a base taken apart once per client, parsed (requests themselves carry
    /// `urlString(under:)`: rebuilding `URLComponents` per request parsed the base twice).
    func url(under base: RequestBase) -> URL? {
        urlString(under: base).flatMap(URL.init(string:))
    }

    /// The full URL as text: what the transport sends.
    func urlString(under base: RequestBase) -> String? {
        guard var text = base.prefix else { return nil }
        text += Self.percentEncode(path.hasPrefix("/") || path.isEmpty ? path : "/" + path, keeping: Self.pathCharacters)
        if let encodedQuery {
            text += "?"
            text += encodedQuery
        }
        return text
    }

    /// The query as sent, or `nil` when there is none.
    var encodedQuery: String? {
        guard !query.isEmpty else { return nil }
        return query.map { item in
            let name = Self.percentEncode(item.name, keeping: Self.unreserved)
            guard let value = item.value else { return name }
            return name + "=" + Self.percentEncode(value, keeping: Self.unreserved)
        }.joined(separator: "&")
    }

    /// The path and the query's names without their values: safe for logs and errors,
    /// since query values can carry filters and identifiers.
    func redactedTarget(relativeTo baseURL: URL) -> String {
        redactedTarget(under: RequestBase(baseURL))
    }

    func redactedTarget(under base: RequestBase) -> String {
        let ownPath = path.hasPrefix("/") || path.isEmpty ? path : "/" + path
        let fullPath = base.displayPath + ownPath
        guard !query.isEmpty else { return fullPath.isEmpty ? "/" : fullPath }
        return fullPath + "?" + query.map { "\($0.name)=…" }.joined(separator: "&")
    }

    /// RFC 3986 unreserved characters: everything else in a query is percent-encoded, which
    /// is stricter than Foundation (it leaves `+`, `:`, `,` and more alone, and some servers
    /// read a literal `+` as a space). A table by byte value, not a set: it is asked once per
    /// byte of every URL.
    static let unreserved: [Bool] = byteTable(ranges: ["A"..."Z", "a"..."z", "0"..."9"], plus: "-._~")

    /// Unreserved characters plus the path separator and the sub-delimiters a path segment
    /// may hold literally.
    static let pathCharacters: [Bool] = byteTable(ranges: ["A"..."Z", "a"..."z", "0"..."9"], plus: "-._~/:@!$&'()*+,;=")

    private static func byteTable(ranges: [ClosedRange<Unicode.Scalar>], plus extra: String) -> [Bool] {
        var table = [Bool](repeating: false, count: 256)
        for range in ranges { for value in range.lowerBound.value...range.upperBound.value { table[Int(value)] = true } }
        for byte in extra.utf8 { table[Int(byte)] = true }
        return table
    }

    /// Percent-encodes every UTF-8 byte not marked in `kept`, with upper-case hex digits.
    static func percentEncode(_ text: String, keeping kept: [Bool]) -> String {
        if text.utf8.allSatisfy({ kept[Int($0)] }) { return text }
        let hex: StaticString = "0123456789ABCDEF"
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if kept[Int(byte)] {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A source's base URL taken apart once: what every request URL starts with, and the path
/// errors show.
struct RequestBase: Sendable {
    /// Scheme, user, host, port and the encoded base path without its trailing slashes; nil
    /// when the base URL cannot carry a path.
    let prefix: String?
    /// The decoded base path without trailing slashes, as errors show it.
    let displayPath: String

    init(_ baseURL: URL) {
        var path = baseURL.path
        while path.hasSuffix("/") { path.removeLast() }
        displayPath = path
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else {
            prefix = nil
            return
        }
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        components.percentEncodedPath = ""
        components.percentEncodedQuery = nil
        components.fragment = nil
        prefix = components.string.map { $0 + basePath }
    }
}

import Foundation

extension HTTPRequest {
    /// The full URL: the base URL's scheme, host and port, its path followed by `path`, and
    /// the strictly encoded query. `nil` only when the base URL cannot carry a path.
    func url(relativeTo baseURL: URL) -> URL? {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else {
            return nil
        }
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") {
            basePath.removeLast()
        }
        let ownPath = path.hasPrefix("/") || path.isEmpty ? path : "/" + path
        components.percentEncodedPath = basePath + Self.percentEncode(ownPath, keeping: Self.pathCharacters)
        components.percentEncodedQuery = encodedQuery
        components.fragment = nil
        return components.url
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
        var basePath = baseURL.path
        while basePath.hasSuffix("/") {
            basePath.removeLast()
        }
        let ownPath = path.hasPrefix("/") || path.isEmpty ? path : "/" + path
        let fullPath = basePath + ownPath
        guard !query.isEmpty else { return fullPath.isEmpty ? "/" : fullPath }
        return fullPath + "?" + query.map { "\($0.name)=…" }.joined(separator: "&")
    }

    /// RFC 3986 unreserved characters: everything else in a query is percent-encoded, which
    /// is stricter than Foundation (it leaves `+`, `:`, `,` and more alone, and some servers
    /// read a literal `+` as a space).
    static let unreserved: Set<UInt8> = {
        var set = Set<UInt8>()
        set.formUnion(UInt8(ascii: "A")...UInt8(ascii: "Z"))
        set.formUnion(UInt8(ascii: "a")...UInt8(ascii: "z"))
        set.formUnion(UInt8(ascii: "0")...UInt8(ascii: "9"))
        set.formUnion("-._~".utf8)
        return set
    }()

    /// Unreserved characters plus the path separator and the sub-delimiters a path segment
    /// may hold literally.
    static let pathCharacters: Set<UInt8> = unreserved.union("/:@!$&'()*+,;=".utf8)

    /// Percent-encodes every UTF-8 byte not in `kept`, with upper-case hex digits.
    static func percentEncode(_ text: String, keeping kept: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if kept.contains(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

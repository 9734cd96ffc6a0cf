import FoundationEssentials

/// One attempt as `HTTPClient` builds it, an `Authorizer` signs it and a transport sends it:
/// the absolute URL, method, headers and body.
///
/// Shaped like the part of `URLRequest` that code here used (`setValue(_:forHTTPHeaderField:)`,
/// `value(forHTTPHeaderField:)`, `httpBody`, ...), so authorizers read the same, without
/// linking FoundationNetworking (and its URLSession) into the daemon for one value type.
public struct TransportRequest: Sendable, Equatable {
    /// The absolute URL, query included, as it is sent: a string, because the transport
    /// needs nothing else and parsing a `URL` per request cost more than building it.
    public var urlString: String
    /// The same URL parsed, for an authorizer that signs parts of it.
    public var url: URL? {
        get { URL(string: urlString) }
        set { urlString = newValue?.absoluteString ?? "" }
    }
    /// `GET` when `nil`.
    public var httpMethod: String?
    /// The request body, if any.
    public var httpBody: Data?
    /// Header fields in the order they were first set, with the name's case as set.
    private var fields: [(name: String, value: String)] = []

    public init(url: URL) {
        urlString = url.absoluteString
    }

    init(urlString: String) {
        self.urlString = urlString
    }

    /// Every header field; a name set twice (in any case) holds the last value.
    public var allHTTPHeaderFields: [String: String]? {
        Dictionary(fields.map { ($0.name, $0.value) }) { _, last in last }
    }

    /// The header fields in the order they were first set.
    var headerFields: [(name: String, value: String)] { fields }

    /// The value of a header field, whatever the case of `field`.
    public func value(forHTTPHeaderField field: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(field) }?.value
    }

    /// Sets a header field, replacing one of the same name in any case; `nil` removes it.
    public mutating func setValue(_ value: String?, forHTTPHeaderField field: String) {
        let index = fields.firstIndex { $0.name.caseInsensitiveEquals(field) }
        switch (index, value) {
        case (let index?, let value?): fields[index].value = value
        case (let index?, nil): fields.remove(at: index)
        case (nil, let value?): fields.append((field, value))
        case (nil, nil): break
        }
    }

    public static func == (lhs: TransportRequest, rhs: TransportRequest) -> Bool {
        lhs.urlString == rhs.urlString && lhs.httpMethod == rhs.httpMethod && lhs.httpBody == rhs.httpBody
            && lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}

extension String {
    /// ASCII case-insensitive equality, as header field names compare.
    fileprivate func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8) { Self.lower($0) == Self.lower($1) }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}

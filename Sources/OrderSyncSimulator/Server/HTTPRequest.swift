import FoundationEssentials

/// One parsed HTTP/1.1 request.
public struct HTTPRequest: Sendable, Equatable {
    /// One `name=value` pair of the query string, percent-decoded.
    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The method as sent, e.g. `GET`.
    public var method: String
    /// The request target as sent, path and query undecoded.
    public var target: String
    /// The percent-decoded path, without the query.
    public var path: String
    /// Query items in order; `+` and `%XX` decoded, brackets in names kept
    /// (`page[number]`).
    public var queryItems: [QueryItem]
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.path = PercentDecoding.decode(parts.first.map(String.init) ?? "", plusIsSpace: false)
        self.queryItems = parts.count > 1 ? PercentDecoding.queryItems(String(parts[1])) : []
    }

    /// The first value of a query item, or nil when absent.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Whether the client asked to close the connection after this response.
    public var wantsClose: Bool {
        headers["Connection"]?.lowercased().contains("close") ?? false
    }

    /// The body as UTF-8 text.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }
}

import FoundationEssentials

/// One logical request to a source, relative to the client's base URL.
public struct HTTPRequest: Sendable, Equatable {
    /// `GET`, `POST`, ...
    public var method: String
    /// Appended to the base URL's path; not yet percent-encoded (`/v1/orders/42`).
    public var path: String
    /// Encoded strictly: only RFC 3986 unreserved characters stay literal.
    public var query: [URLQueryItem]
    /// Extra headers; the client adds `User-Agent` and the authorizer its credentials.
    public var headers: [String: String]
    /// The request body, if any.
    public var body: [UInt8]?
    /// Credentials the request carries itself (a password in a login body): redacted from the
    /// body snippet of any error, in case the upstream echoes them back.
    public var secrets: [Secret]

    public init(
        method: String = "GET",
        path: String,
        query: [URLQueryItem] = [],
        headers: [String: String] = [:],
        body: [UInt8]? = nil,
        secrets: [Secret] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.secrets = secrets
    }
}

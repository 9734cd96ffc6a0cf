import FoundationEssentials

/// Adds credentials to outgoing requests, and decides what a 401 means.
public protocol Authorizer: Sendable {
    /// Adds credentials to the request; may itself log in first through
    /// `client.sendWithoutAuthorization(_:)` (a token exchange, say) and cache the result.
    func authorize(_ request: inout TransportRequest, using client: HTTPClient) async throws

    /// A 401 came back: drop cached credentials and return `true` when fresh ones are worth
    /// one more attempt.
    func unauthorized() async -> Bool
}

/// A static token sent as `Authorization: Bearer …`.
public struct BearerTokenAuthorizer: Authorizer {
    private let token: Secret

    public init(token: Secret) {
        self.token = token
    }

    public func authorize(_ request: inout TransportRequest, using client: HTTPClient) async throws {
        request.setValue("Bearer \(token.reveal)", forHTTPHeaderField: "Authorization")
    }

    /// Nothing to refresh: a refused static token is refused again.
    public func unauthorized() async -> Bool {
        false
    }
}

/// A static API key sent as the value of a header of the provider's choosing (`X-Api-Key: …`).
public struct APIKeyAuthorizer: Authorizer {
    private let header: String
    private let key: Secret

    public init(header: String, key: Secret) {
        self.header = header
        self.key = key
    }

    public func authorize(_ request: inout TransportRequest, using client: HTTPClient) async throws {
        request.setValue(key.reveal, forHTTPHeaderField: header)
    }

    /// Nothing to refresh: a refused static key is refused again.
    public func unauthorized() async -> Bool {
        false
    }
}

/// The resolved credentials of one source: inline, environment and file secrets all end up
/// here, so nothing past loading knows where a secret came from.
///
/// Loading guarantees the set matches the dialect: a token for `.token` and `.apiKey` dialects, a username
/// and a password for `.usernamePassword` ones, and nothing else.
public struct SourceAuth: Sendable, Equatable {
    /// The bearer token of a `.token` dialect, or the key of an `.apiKey` one.
    public let token: Secret?
    /// The user of a `.usernamePassword` dialect.
    public let username: Secret?
    /// The password of a `.usernamePassword` dialect.
    public let password: Secret?

    public init(token: Secret? = nil, username: Secret? = nil, password: Secret? = nil) {
        self.token = token
        self.username = username
        self.password = password
    }
}

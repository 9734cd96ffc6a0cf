/// What the configuration needs to know about one dialect to validate a source of it.
///
/// The loader knows no dialect itself: the caller passes the dialects it has, so adding one
/// never touches the configuration code.
public struct DialectRequirements: Sendable, Equatable {
    /// The credentials a dialect authenticates with.
    public enum AuthKind: Sendable, Equatable {
        /// One bearer token or API key: `token`, `token_env` or `token_file`.
        case token
        /// A username and a password, e.g. for HTTP Basic or a login call.
        case usernamePassword
    }

    /// The value of `sources[].dialect` that selects this dialect, e.g. `erp`.
    public let name: String
    /// Which secrets a source of this dialect must have, and which it must not.
    public let auth: AuthKind

    public init(name: String, auth: AuthKind) {
        self.name = name
        self.auth = auth
    }
}

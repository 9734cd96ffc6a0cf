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
        /// One API key, given like a token (`token`, `token_env` or `token_file`) and sent as the
        /// value of the named request header (`X-Api-Key`) instead of `Authorization: Bearer`.
        case apiKey(header: String)
    }

    /// The value of `sources[].dialect` that selects this dialect, e.g. `erp`.
    public let name: String
    /// Which secrets a source of this dialect must have, and which it must not.
    public let auth: AuthKind
    /// The keys its sources' `options` may have; any other key is an error.
    public let options: [DialectOption]
    /// Source settings it cannot honour: set, they load with a warning.
    public let ignoredSettings: [IgnoredSetting]

    /// The dialect's own checks of a source that passed every generic one (e.g. formations'
    /// numeric status codes); errors name key paths relative to the source.
    public let sourceCheck: (@Sendable (SourceConfiguration) throws(ConfigError) -> Void)?

    public init(name: String, auth: AuthKind, options: [DialectOption] = [], ignoredSettings: [IgnoredSetting] = [],
                sourceCheck: (@Sendable (SourceConfiguration) throws(ConfigError) -> Void)? = nil) {
        self.name = name
        self.auth = auth
        self.options = options
        self.ignoredSettings = ignoredSettings
        self.sourceCheck = sourceCheck
    }

    /// Equal declarations (the `sourceCheck` code is not compared).
    public static func == (lhs: DialectRequirements, rhs: DialectRequirements) -> Bool {
        lhs.name == rhs.name && lhs.auth == rhs.auth && lhs.options == rhs.options
            && lhs.ignoredSettings == rhs.ignoredSettings
    }
}

import FoundationEssentials

/// reseller logs in: `POST /api/v1/authenticate` with `{username, password}`
/// answers an `auth_token` that expires after `expires_in` seconds.
extension ResellerDialect {
    static var authentication: SimAuthentication { .session }

    static func sessionLifetime(_ configuration: SimulatorConfiguration) -> TimeInterval {
        configuration.resellerTokenTTL
    }

    static func unauthorizedHint(sessions: SessionTokens) -> String {
        "a valid auth_token (POST /api/v1/authenticate; tokens expire after \(sessions.expiresIn) s)"
    }

    static func sourceSettings(_ configuration: SimulatorConfiguration) -> SimSourceSettings {
        SimSourceSettings(auth: [(key: "username", value: configuration.resellerUsername),
                                 (key: "password", value: configuration.resellerPassword)])
    }

    static func login(_ call: DialectCall, sessions: inout SessionTokens) -> Result<HTTPResponse, DialectError>? {
        guard call.segments == ["api", "v1", "authenticate"] else { return nil }
        guard call.method == "POST" else {
            return .failure(DialectError(status: 405, message: "authenticate with POST and a JSON body {username, password}"))
        }
        guard let body = try? JSONParser.parse(call.request.body),
              let username = body["username"]?.scalarText, let password = body["password"]?.scalarText else {
            return .failure(.badRequest("the body must be JSON {\"username\": \"...\", \"password\": \"...\"}"))
        }
        guard username == call.configuration.resellerUsername, password == call.configuration.resellerPassword else {
            return .failure(DialectError(status: 401, message: "invalid username or password"))
        }
        let token = sessions.issue(prefix: "rs-", now: call.configuration.clock())
        return .success(json(.obj(["auth_token": .string(token), "expires_in": .int(sessions.expiresIn)])))
    }
}

extension SimulatorConfiguration {
    /// The reseller login's username (default `sim-user`).
    public var resellerUsername: String {
        get { setting("reseller.username", default: "sim-user") }
        set { dialectSettings["reseller.username"] = newValue }
    }

    /// The reseller login's password (default `sim-pass`).
    public var resellerPassword: String {
        get { setting("reseller.password", default: "sim-pass") }
        set { dialectSettings["reseller.password"] = newValue }
    }

    /// Lifetime of a reseller `auth_token`, in seconds (fractions allowed, for tests; default 3600).
    public var resellerTokenTTL: TimeInterval {
        get { setting("reseller.token_ttl", default: TimeInterval(3_600)) }
        set { dialectSettings["reseller.token_ttl"] = newValue }
    }
}

import FoundationEssentials

/// reseller's session login: `POST /api/v1/authenticate` with `{"username", "password"}` answers
/// `{"auth_token", "expires_in"}`; the token is then sent as `Authorization: Bearer …`.
///
/// The token is reused until `refreshFraction` of its lifetime has passed (so it is replaced
/// before the upstream starts refusing it), and dropped on a `401`, after which the client
/// retries the request once with a fresh login. An actor, so concurrent requests that find no
/// valid token wait for one shared login instead of each logging in.
///
/// A refused login (wrong password) is the login request's own `401`: the client reports it as
/// "the credentials were refused" for the source and does not retry it.
public actor ResellerAuthorizer: Authorizer {
    /// The documented login path, below the source's base URL.
    public static let defaultLoginPath = "/api/v1/authenticate"

    private struct Session {
        var token: Secret
        /// Nil when the upstream gave no lifetime: the token is then kept until refused.
        var refreshAt: ContinuousClock.Instant?
    }

    private let username: Secret
    private let password: Secret
    private let loginPath: String
    private let refreshFraction: Double
    private let now: @Sendable () -> ContinuousClock.Instant
    private var session: Session?
    private var pendingLogin: Task<Session, any Error>?
    /// Logins attempted so far (successful or not).
    public private(set) var logins = 0
    /// Requests waiting now for the login another request started: what shows, without a
    /// timing guess, that concurrent requests share one login.
    public private(set) var waitingForLogin = 0

    /// - Parameters:
    ///   - refreshFraction: the part of `expires_in` after which the token is replaced, in (0, 1].
    ///   - now: the clock token lifetimes are measured on; tests inject their own.
    public init(
        username: Secret, password: Secret, loginPath: String = ResellerAuthorizer.defaultLoginPath,
        refreshFraction: Double = 0.9, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.username = username
        self.password = password
        self.loginPath = loginPath
        self.refreshFraction = refreshFraction
        self.now = now
    }

    public func authorize(_ request: inout TransportRequest, using client: HTTPClient) async throws {
        let token = try await currentToken(using: client)
        request.setValue("Bearer \(token.reveal)", forHTTPHeaderField: "Authorization")
    }

    /// The token was refused (it expired early, or the session was revoked): forget it, so the
    /// client's one retry logs in again. A login already under way will provide the new token.
    public func unauthorized() async -> Bool {
        if pendingLogin == nil { session = nil }
        return true
    }

    private func currentToken(using client: HTTPClient) async throws -> Secret {
        if let session, session.refreshAt.map({ now() < $0 }) ?? true {
            return session.token
        }
        if let pendingLogin {
            waitingForLogin += 1
            defer { waitingForLogin -= 1 }
            return try await pendingLogin.value.token
        }
        logins += 1
        let login = Task { [username, password, loginPath, refreshFraction, now] in
            try await Self.logIn(
                client: client, path: loginPath, username: username, password: password,
                refreshFraction: refreshFraction, now: now)
        }
        pendingLogin = login
        defer { pendingLogin = nil }
        // A stopping run (SIGTERM) abandons its login rather than waiting out the timeouts.
        let fresh = try await withTaskCancellationHandler { try await login.value } onCancel: { login.cancel() }
        session = fresh
        return fresh.token
    }

    private static func logIn(
        client: HTTPClient, path: String, username: Secret, password: Secret, refreshFraction: Double,
        now: @Sendable () -> ContinuousClock.Instant
    ) async throws -> Session {
        let body = JSONValue.object(["username": .string(username.reveal), "password": .string(password.reveal)])
        let request = HTTPRequest(
            method: "POST", path: path,
            headers: ["Content-Type": "application/json", "Accept": "application/json"],
            body: Array(body.serialized.utf8), secrets: [username, password])
        let sentAt = now()
        // A 401 here is final: `sendWithoutAuthorization` has no authorizer to ask for another try.
        let response = try await client.sendWithoutAuthorization(request)
        let answer: JSONValue
        do {
            answer = try JSONValue.parse(response.body)
        } catch {
            throw ResellerLoginError(message: "the login answer is not JSON (\(error))")
        }
        guard let token = answer["auth_token"]?.stringValue, !token.isEmpty else {
            throw ResellerLoginError(message: "the login answer has no auth_token")
        }
        var refreshAt: ContinuousClock.Instant?
        if let text = answer["expires_in"]?.scalarText {
            guard let seconds = Double(text), seconds.isFinite, seconds > 0 else {
                throw ResellerLoginError(message: "the login answer's expires_in is not a positive number")
            }
            // Capped at a year, so an absurd lifetime cannot overflow the duration.
            refreshAt = sentAt + .milliseconds(Int64(min(seconds * refreshFraction, 31_536_000) * 1000))
        }
        return Session(token: Secret(token), refreshAt: refreshAt)
    }
}

/// A reseller login answered 2xx with something other than a token.
public struct ResellerLoginError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public var description: String { "reseller login: \(message)" }
}

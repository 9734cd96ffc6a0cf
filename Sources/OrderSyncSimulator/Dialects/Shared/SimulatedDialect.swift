import FoundationEssentials

/// A dialect the simulator serves: its data (`DialectBehavior`), its HTTP
/// routes, list items and error shape, how clients authenticate, and what a
/// client source needs to talk to it. Each lives in its own folder and is
/// listed once in `SimulatedDialects.all`.
///
/// Faults and statistics are handled before a call reaches `handle`, by the
/// simulator's router, which also checks the bearer token (`authentication`).
@_spi(SimulatedDialects) public protocol SimulatedDialect: DialectBehavior {
    /// Where a bad record's defects go.
    static var badRecordFields: BadRecord.Fields { get }
    /// Whether this request reads a list page (the only requests a
    /// bad-record fault hits).
    static func isListRequest(method: String, segments: [String]) -> Bool
    /// The order as it appears in a list page.
    static func listItem(_ order: OrderRecord) -> JSONValue
    /// The dialect's JSON error body.
    static func errorBody(status: Int, message: String) -> JSONValue
    /// Answers one authenticated request.
    static func handle(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse

    /// How requests prove who they are: a static bearer token (the default)
    /// or a token from the dialect's own login route.
    static var authentication: SimAuthentication { get }
    /// Answers the dialect's login route; nil for every other request. Only
    /// dialects with `.session` authentication have one.
    static func login(_ call: DialectCall, sessions: inout SessionTokens) -> Result<HTTPResponse, DialectError>?
    /// What a 401 tells the client to send.
    static func unauthorizedHint(sessions: SessionTokens) -> String
    /// Lifetime of a session token.
    static func sessionLifetime(_ configuration: SimulatorConfiguration) -> TimeInterval
    /// What a client's source needs beyond its name and base URL.
    static func sourceSettings(_ configuration: SimulatorConfiguration) -> SimSourceSettings
}

/// How a simulated dialect authenticates requests.
@_spi(SimulatedDialects) public enum SimAuthentication: Sendable, Equatable {
    /// `Authorization: Bearer <configuration.token(for:)>`.
    case staticBearer
    /// `Authorization: Bearer <token>` with a token its login route issued.
    case session
    /// `<header>: <configuration.token(for:)>`: a static API key in a header of the dialect's choosing.
    case staticKey(header: String)

    /// Whether the client sends the configured static token (as a bearer token or an API key).
    @_spi(SimulatedDialects) public var isStatic: Bool {
        self != .session
    }
}

extension SimulatedDialect {
    @_spi(SimulatedDialects) public static var authentication: SimAuthentication { .staticBearer }

    @_spi(SimulatedDialects) public static func login(_ call: DialectCall, sessions: inout SessionTokens) -> Result<HTTPResponse, DialectError>? {
        nil
    }

    @_spi(SimulatedDialects) public static func unauthorizedHint(sessions: SessionTokens) -> String {
        "the configured static token"
    }

    @_spi(SimulatedDialects) public static func sessionLifetime(_ configuration: SimulatorConfiguration) -> TimeInterval {
        3_600
    }

    @_spi(SimulatedDialects) public static func sourceSettings(_ configuration: SimulatorConfiguration) -> SimSourceSettings {
        SimSourceSettings(auth: [(key: "token", value: configuration.token(for: dialect) ?? "")])
    }

    @_spi(SimulatedDialects) public static func json(_ value: JSONValue, status: Int = 200, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        .json(status: status, body: value.bytes, headers: headers)
    }

    /// A template for bad records when the page itself is empty.
    @_spi(SimulatedDialects) public static func template(_ state: DialectState) -> JSONValue? {
        state.store.orders.first.map(listItem)
    }

    /// The id in the path segment, or a 404 naming it (also what a deleted order answers).
    @_spi(SimulatedDialects) public static func orderID(_ text: String, in state: DialectState) throws(DialectError) -> OrderRecord {
        guard let id = Int(text), let order = state.store.order(id: id) else {
            throw .notFound("order `\(text)` does not exist")
        }
        return order
    }

    @_spi(SimulatedDialects) public static func noRoute(_ call: DialectCall) -> DialectError {
        .notFound("no route for \(call.method) \(call.path) in the \(dialect.rawValue) API")
    }
}

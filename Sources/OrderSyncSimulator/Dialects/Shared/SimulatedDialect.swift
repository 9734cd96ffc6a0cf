import Foundation

/// A dialect the simulator serves: its data (`DialectBehavior`), its HTTP
/// routes, list items and error shape, how clients authenticate, and what a
/// client source needs to talk to it. Each lives in its own folder and is
/// listed once in `SimulatedDialects.all`.
///
/// Faults and statistics are handled before a call reaches `handle`, by the
/// simulator's router, which also checks the bearer token (`authentication`).
protocol SimulatedDialect: DialectBehavior {
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
enum SimAuthentication: Sendable, Equatable {
    /// `Authorization: Bearer <configuration.token(for:)>`.
    case staticBearer
    /// `Authorization: Bearer <token>` with a token its login route issued.
    case session
}

extension SimulatedDialect {
    static var authentication: SimAuthentication { .staticBearer }

    static func login(_ call: DialectCall, sessions: inout SessionTokens) -> Result<HTTPResponse, DialectError>? {
        nil
    }

    static func unauthorizedHint(sessions: SessionTokens) -> String {
        "the configured static token"
    }

    static func sessionLifetime(_ configuration: SimulatorConfiguration) -> TimeInterval {
        3_600
    }

    static func sourceSettings(_ configuration: SimulatorConfiguration) -> SimSourceSettings {
        SimSourceSettings(auth: [(key: "token", value: configuration.token(for: dialect) ?? "")])
    }

    static func json(_ value: JSONValue, status: Int = 200, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        .json(status: status, body: value.bytes, headers: headers)
    }

    /// A template for bad records when the page itself is empty.
    static func template(_ state: DialectState) -> JSONValue? {
        state.store.orders.first.map(listItem)
    }

    /// The id in the path segment, or a 404 naming it (also what a deleted order answers).
    static func orderID(_ text: String, in state: DialectState) throws(DialectError) -> OrderRecord {
        guard let id = Int(text), let order = state.store.order(id: id) else {
            throw .notFound("order `\(text)` does not exist")
        }
        return order
    }

    static func noRoute(_ call: DialectCall) -> DialectError {
        .notFound("no route for \(call.method) \(call.path) in the \(dialect.rawValue) API")
    }
}

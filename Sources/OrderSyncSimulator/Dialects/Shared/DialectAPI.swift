/// The HTTP face of a dialect: its routes, its list items and its error shape.
///
/// Authentication, faults and statistics are handled before a call reaches
/// `handle`, by the simulator's router.
protocol DialectAPI: DialectBehavior {
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
}

extension DialectAPI {
    static func json(_ value: JSONValue, status: Int = 200, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        .json(status: status, body: value.bytes, headers: headers)
    }

    /// A template for bad records when the page itself is empty.
    static func template(_ state: DialectState) -> JSONValue? {
        state.store.orders.first.map(listItem)
    }

    /// The id in the path segment, or a 404 naming it.
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

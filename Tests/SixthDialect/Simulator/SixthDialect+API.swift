@_spi(SimulatedDialects) import OrderSyncSimulator

/// sixth routes: `GET /v1/orders` (cursor pages) and `GET /v1/orders/{id}`, authenticated by
/// `X-Api-Key`.
///
/// The list takes `limit` (at most 100), `cursor` (the previous page's `next_cursor`), `sort`
/// (`id`, the default, or `-updated_at`), `created_from`/`created_to` (whole UTC days, both
/// inclusive) and `ids` (comma-separated). Cursors are keyset positions, so a page never shifts
/// when orders change or disappear behind it; `next_cursor` is null on the last page.
extension SixthDialect: SimulatedDialect {
    static let badRecordFields = BadRecord.Fields(date: "created_at", amount: "total")
    static let maxLimit = 100
    static let authentication = SimAuthentication.staticKey(header: "X-Api-Key")

    static func unauthorizedHint(sessions: SessionTokens) -> String {
        "the configured API key"
    }

    static func isListRequest(method: String, segments: [String]) -> Bool {
        method == "GET" && segments == ["v1", "orders"]
    }

    static func errorBody(status: Int, message: String) -> JSONValue {
        .obj(["error": .obj(["type": .string(status == 404 ? "not_found" : "invalid_request"),
                             "message": .string(message)])])
    }

    static func handle(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        guard call.method == "GET", call.segments.count >= 2, call.segments[0...1] == ["v1", "orders"] else {
            throw noRoute(call)
        }
        switch call.segments.count {
        case 2: return try list(call, state: state)
        case 3: return json(.obj(["order": listItem(try orderID(call.segments[2], in: state))]))
        default: throw noRoute(call)
        }
    }

    /// A keyset position: the sort key of the last item a page showed.
    private struct Position: Comparable {
        var updated: Int64
        var id: Int

        static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.updated, lhs.id) < (rhs.updated, rhs.id)
        }
    }

    private static func list(_ call: DialectCall, state: DialectState) throws(DialectError) -> HTTPResponse {
        let limit = try call.positiveInt("limit", default: 20)
        guard limit <= maxLimit else { throw .badRequest("limit must be at most \(maxLimit), got \(limit)") }
        let byUpdate: Bool
        switch call.query("sort") ?? "id" {
        case "id": byUpdate = false
        case "-updated_at": byUpdate = true
        case let other: throw .badRequest("unknown sort `\(other)`; expected id or -updated_at")
        }
        let from = try call.date("created_from")
        let to = try call.date("created_to")
        let ids = call.query("ids").map { Set($0.split(separator: ",").compactMap { Int($0) }) }
        let after = try call.query("cursor").map { cursor throws(DialectError) in try position(of: cursor) }

        func key(_ order: OrderRecord) -> Position {
            Position(updated: byUpdate ? order.updatedAt : 0, id: order.id)
        }
        var matching = state.store.orders.filter { order in
            if let from, order.placedAt < from { return false }
            if let to, order.placedAt >= to + CivilTime.day { return false }
            if let ids, !ids.contains(order.id) { return false }
            guard let after else { return true }
            return byUpdate ? key(order) < after : key(order) > after
        }
        matching.sort { byUpdate ? key($0) > key($1) : key($0) < key($1) }
        let page = Array(matching.prefix(limit))
        let next: JSONValue = matching.count > limit ? page.last.map { .string(cursor(key($0))) } ?? .null : .null
        let items = call.decorate(page.map(listItem), template: template(state), fields: badRecordFields)
        return json(.obj(["orders": .array(items), "next_cursor": next]))
    }

    private static func cursor(_ position: Position) -> String {
        "c_\(String(position.updated, radix: 36))_\(String(position.id, radix: 36))"
    }

    private static func position(of cursor: String) throws(DialectError) -> Position {
        let parts = cursor.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "c", let updated = Int64(parts[1], radix: 36),
              let id = Int(parts[2], radix: 36) else {
            throw .badRequest("invalid cursor `\(cursor)`; pass next_cursor from the previous page")
        }
        return Position(updated: updated, id: id)
    }

    private static func money(_ minor: Int64) -> JSONValue {
        .string(MinorUnits.text(minor, currency: currency))
    }

    static func listItem(_ order: OrderRecord) -> JSONValue {
        let lines = order.lines.map { line -> JSONValue in
            .obj(["id": .string(String(line.id)), "sku": .string(line.sku), "name": .string(line.name),
                  "quantity": .int(line.quantity), "unit_price": money(line.unitMinor), "amount": money(line.lineTotalMinor)])
        }
        return .obj([
            "id": .int(order.id), "number": .optional(order.number), "status": .string(order.status),
            "currency": .string(order.currency),
            "customer": .obj(["id": .string("cus_\(order.customerID)"), "name": .string(order.customerName)]),
            "subtotal": money(order.netMinor), "tax": money(order.taxMinor), "total": money(order.grossMinor),
            "created_at": .string(CivilTime.isoZ(order.placedAt)), "updated_at": .string(CivilTime.micro(order.updatedAt)),
            "lines": .array(lines),
        ])
    }
}

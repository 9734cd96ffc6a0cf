import FoundationEssentials

/// reseller route `GET /api/v1/orders` (authentication is the router's).
extension ResellerDialect: SimulatedDialect {
    static let badRecordFields = BadRecord.Fields(date: "submit_date", amount: "total")

    static func isListRequest(method: String, segments: [String]) -> Bool {
        method == "GET" && segments == ["api", "v1", "orders"]
    }

    static func errorBody(status: Int, message: String) -> JSONValue {
        .obj(["status": .int(status), "message": .string(message)])
    }

    static func handle(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        guard isListRequest(method: call.method, segments: call.segments) else { throw noRoute(call) }
        let page = try call.positiveInt("page", default: 1)
        let perPage = try call.positiveInt("per_page", default: 25)
        let query = try ResellerQuery(call.query("q") ?? "")
        let positions = try sorted(call.query("sort") ?? "-submit_date", state: &state)
        let matching = state.store.select(positions, filtered: !query.isEmpty, where: { order in
            query.matches(id: order.id, submitted: order.placedAt, status: order.status, paid: order.paid)
        })
        let orders = state.store.orders
        let paging = Paging(page: page, perPage: perPage, total: matching.count)
        let items = paging.slice(matching).map { listItem(orders[$0]) }
        let headers = HTTPHeaders([("X-page", String(page)), ("X-per-page", String(perPage)),
                                   ("X-pages", String(paging.lastPage)), ("X-count", String(paging.total))])
        return json(.array(call.decorate(items, template: template(state), fields: badRecordFields)), headers: headers)
    }

    /// Positions in `sort` order: `+field`/`-field`/`field`, comma-separated,
    /// ties broken by id in the direction of the first key.
    private static func sorted(_ spec: String, state: inout DialectState) throws(DialectError) -> [Int] {
        var keys: [(field: String, ascending: Bool)] = []
        for raw in spec.split(separator: ",") {
            var item = Substring(raw)
            var ascending = true
            // An unencoded `+` arrives as a space.
            if let first = item.first, first == "+" || first == " " || first == "-" {
                ascending = first != "-"
                item = item.dropFirst()
            }
            let field = item.trimmingASCIISpaces()
            guard ["id", "submit_date", "total_amount"].contains(field) else {
                throw .badRequest("sort: unknown field `\(field)`; use id, submit_date or total_amount with + or -")
            }
            keys.append((field, ascending))
        }
        guard let first = keys.first else { return Array(state.store.orders.indices) }
        let cacheKey = "sort:" + keys.map { ($0.ascending ? "+" : "-") + $0.field }.joined(separator: ",")
        return state.store.sortedPositions(key: cacheKey) { left, right in
            for key in keys {
                let a: Int64, b: Int64
                switch key.field {
                case "submit_date": (a, b) = (left.placedAt, right.placedAt)
                case "total_amount": (a, b) = (left.grossMinor, right.grossMinor)
                default: (a, b) = (Int64(left.id), Int64(right.id))
                }
                if a != b { return key.ascending ? a < b : a > b }
            }
            return first.ascending ? left.id < right.id : left.id > right.id
        }
    }

    static func listItem(_ order: OrderRecord) -> JSONValue {
        let lines = order.lines.map { line -> JSONValue in
            .obj(["id": .int(line.id), "product_code": .string(line.sku), "description": .string(line.description),
                  "quantity": .int(line.quantity), "unit_price": .money(line.unitMinor, currency: order.currency),
                  "total": .money(line.lineTotalMinor, currency: order.currency)])
        }
        return .obj([
            "id": .int(order.id), "purchase_order_number": .optional(order.number),
            "status": .obj(["id": .int(statusID(order.status)), "name": .string(order.status)]),
            "paid": .bool(order.paid), "currency": .obj(["code": .string(order.currency)]),
            "customer_organisation": .obj(["id": .int(order.customerID), "name": .string(order.customerName)]),
            "customer_user": .obj(["id": .int(order.customerID * 10 + 1), "name": .string("Purchasing")]),
            "submit_date": stamp(order.placedAt, order), "shipped_date": stamp(order.shippedAt, order),
            "delivered_date": stamp(order.deliveredAt, order), "external_payment_reference": .null,
            "total": .money(order.grossMinor, currency: order.currency),
            "vat": .money(order.taxMinor, currency: order.currency),
            "vat_rate": .number(MinorUnits.text(Int64(order.vatRateMilli), exponent: 3)),
            "meta": .obj([:]), "auto_provisioning": .bool(false), "line": .array(lines),
        ])
    }
}

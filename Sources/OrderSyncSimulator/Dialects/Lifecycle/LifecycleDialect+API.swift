import FoundationEssentials

/// lifecycle read routes: the list, one order, statistics and status lists.
extension LifecycleDialect: SimulatedDialect {
    static let badRecordFields = BadRecord.Fields(date: "created_at", amount: "total")

    static func isListRequest(method: String, segments: [String]) -> Bool {
        method == "GET" && segments == ["api", "orders", "list"]
    }

    static func errorBody(status: Int, message: String) -> JSONValue {
        .obj(["success": .bool(false), "message": .string(message)])
    }

    static func handle(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        let route = Array(call.segments.dropFirst(2))
        guard call.segments.count >= 3, call.segments[0...1] == ["api", "orders"] else { throw noRoute(call) }
        switch (call.method, route) {
        case ("GET", ["list"]): return try list(call, state: &state)
        case ("GET", ["stats"]), ("GET", ["stats", "overview"]): return try stats(call, state: state)
        case ("GET", ["meta", "statuses"]), ("GET", ["statuses", "available"]):
            return json(.obj(["success": .bool(true), "data": .array(statuses.map(JSONValue.string))]))
        case ("POST", ["place"]): return try place(call, state: &state)
        case ("POST", let path) where path.count == 2 && path[1] == "action":
            return try action(call, id: path[0], state: &state)
        case ("GET", let path) where path.count == 1:
            return json(.obj(["success": .bool(true), "data": detail(try orderID(path[0], in: state))]))
        default: throw noRoute(call)
        }
    }

    private static func list(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        let page = try call.positiveInt("page", default: 1)
        let perPage = try call.positiveInt("per_page", default: 15)
        let from = try call.date("date_from")
        let to = try call.date("date_to")
        let status = call.query("status")
        if let status, !statuses.contains(status) {
            throw .badRequest("unknown status `\(status)`; expected one of \(statuses.joined(separator: ", "))")
        }
        let activeOnly = ["1", "true", "yes"].contains(call.query("active_only")?.lowercased() ?? "")
        let customer = call.query("customer_id")
        let search = call.query("search")?.lowercased()
        let direction = call.query("order_direction")?.lowercased() ?? "desc"
        guard direction == "asc" || direction == "desc" else {
            throw .badRequest("order_direction must be asc or desc, got `\(direction)`")
        }
        let positions: [Int]
        switch call.query("order_by") ?? "created_at" {
        case "id": positions = Array(state.store.orders.indices)
        case "created_at": positions = state.store.sortedPositions(key: "created") { $0.createdAt < $1.createdAt }
        case "updated_at": positions = state.store.sortedPositions(key: "updated") { $0.updatedAt < $1.updatedAt }
        case "total": positions = state.store.sortedPositions(key: "total") { $0.grossMinor < $1.grossMinor }
        case let other: throw .badRequest("order_by must be id, created_at, updated_at or total, got `\(other)`")
        }
        let filtered = status != nil || activeOnly || customer != nil || search != nil || from != nil || to != nil
        let matching = state.store.select(positions, descending: direction == "desc", filtered: filtered, where: { order in
            if let status, order.status != status { return false }
            if activeOnly, terminal.contains(order.status) { return false }
            // Fields are read here rather than passing the record on, which
            // would copy it for every order scanned.
            if let customer, (order.customerRef ?? "") != customer { return false }
            if let search, !matches(number: order.number, customer: order.customerRef,
                                    first: order.billingFirstName, last: order.billingLastName, search) { return false }
            return withinDays(order.createdAt, from: from, to: to)
        })
        let orders = state.store.orders
        let paging = Paging(page: page, perPage: perPage, total: matching.count)
        let items = paging.slice(matching).map { listItem(orders[$0]) }
        return json(.obj([
            "success": .bool(true),
            "data": .array(call.decorate(items, template: template(state), fields: badRecordFields)),
            "pagination": .obj(["current_page": .int(page), "per_page": .int(perPage), "total": .int(paging.total),
                                "last_page": .int(paging.lastPage)]),
        ]))
    }

    private static func matches(number: String?, customer: String?, first: String, last: String,
                                _ search: String) -> Bool {
        [number ?? "", customer ?? "", first, last].contains { $0.lowercased().contains(search) }
    }

    private static func stats(_ call: DialectCall, state: DialectState) throws(DialectError) -> HTTPResponse {
        let from = try call.date("date_from")
        let to = try call.date("date_to")
        let customer = call.query("customer_id")
        let orders = state.store.orders.filter {
            (customer == nil || customerID($0) == customer) && withinDays($0.createdAt, from: from, to: to)
        }
        func count(_ status: String) -> JSONValue { .int(orders.filter { $0.status == status }.count) }
        let revenue = orders.reduce(Int64(0)) { $0 + $1.grossMinor }
        return json(.obj(["success": .bool(true), "data": .obj([
            "total_orders": .int(orders.count), "total_revenue": .number(MinorUnits.text(revenue, exponent: 2)),
            "pending_orders": count("pending"), "processing_orders": count("processing"),
            "completed_orders": count("completed"), "cancelled_orders": count("cancelled"),
            "active_orders": .int(orders.filter { !terminal.contains($0.status) }.count),
        ])]))
    }

    private static func money(_ minor: Int64, _ order: OrderRecord) -> JSONValue {
        .string(MinorUnits.text(minor, currency: order.currency))
    }

    static func listItem(_ order: OrderRecord) -> JSONValue {
        .obj([
            "id": .int(order.id), "order_id": .number(order.number ?? "0"), "customer_id": .string(customerID(order)),
            "total": money(order.grossMinor, order), "total_tax": money(order.taxMinor, order),
            "status": .string(order.status), "currency_symbol": .string(symbols[order.currency] ?? order.currency),
            "created_at": .string(CivilTime.micro(order.createdAt * 1_000_000)),
            "updated_at": .string(CivilTime.micro(order.updatedAt)),
        ])
    }

    /// The list item plus items, billing, notes and metadata.
    static func detail(_ order: OrderRecord) -> JSONValue {
        let items = order.lines.map { line -> JSONValue in
            .obj(["product_id": .number(line.sku), "product_name": .string(line.name), "quantity": .int(line.quantity),
                  "price": .money(line.unitMinor, currency: order.currency)])
        }
        let email = "\(order.billingFirstName).\(order.billingLastName)@example.com".lowercased()
            .replacing(" ", with: "").replacing("'", with: "")
        let billing = JSONValue.obj(["first_name": .string(order.billingFirstName),
                                     "last_name": .string(order.billingLastName), "email": .string(email)])
        return listItem(order)
            .setting("items", .array(items)).setting("billing", billing)
            .setting("notes", .string(order.notes)).setting("metadata", .object(order.metadata))
    }
}

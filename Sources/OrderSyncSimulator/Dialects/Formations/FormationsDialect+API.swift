/// formations routes: `GET /orders` (bare array, fixed page size) and
/// `GET /orders/{id}/orderlines`.
extension FormationsDialect: SimulatedDialect {
    static let badRecordFields = BadRecord.Fields(date: "created_at", amount: "gross")

    static func isListRequest(method: String, segments: [String]) -> Bool {
        method == "GET" && segments == ["orders"]
    }

    static func errorBody(status: Int, message: String) -> JSONValue {
        .obj(["errors": .array([.obj(["status": .string(String(status)), "detail": .string(message)])])])
    }

    static func handle(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        guard call.method == "GET", call.segments.first == "orders" else { throw noRoute(call) }
        if call.segments.count == 1 { return try list(call, state: state) }
        guard call.segments.count == 3, call.segments[2] == "orderlines" else { throw noRoute(call) }
        let order = try orderID(call.segments[1], in: state)
        return json(.array(order.lines.enumerated().map { orderLine($1, position: $0, order: order) }))
    }

    /// Only the documented `filter[...]` spelling filters; the doc example's
    /// `filters[...]` is ignored like any unknown parameter.
    private static func list(_ call: DialectCall, state: DialectState) throws(DialectError) -> HTTPResponse {
        let page = try call.positiveInt("page[number]", default: 1)
        func day(_ name: String) throws(DialectError) -> Int64? {
            guard let text = call.query(name) else { return nil }
            guard let value = CivilTime.parseYmd(text) else {
                throw .badRequest("\(name) must be a date as Ymd, e.g. 20200101; got `\(text)`")
            }
            return value
        }
        let created = (try day("filter[createdFrom]"), try day("filter[createdTo]"))
        let invoiced = (try day("filter[invoicedFrom]"), try day("filter[invoicedTo]"))
        var wanted: Set<String>?
        if let csv = call.query("filter[statuses]") {
            let codes = csv.split(separator: ",").map { $0.trimmingASCIISpaces() }
            guard codes.allSatisfy({ Int($0) != nil }) else {
                throw .badRequest("filter[statuses] must be a CSV of numeric codes, e.g. 700,900; got `\(csv)`")
            }
            wanted = Set(codes)
        }
        let filtered = wanted != nil || created.0 != nil || created.1 != nil || invoiced.0 != nil || invoiced.1 != nil
        let matching = state.store.select(Array(state.store.orders.indices), filtered: filtered, where: { order in
            if let wanted, !wanted.contains(order.status) { return false }
            if invoiced.0 != nil || invoiced.1 != nil {
                guard let at = order.invoicedAt, withinDays(at, from: invoiced.0, to: invoiced.1) else { return false }
            }
            return withinDays(order.createdAt, from: created.0, to: created.1)
        })
        let paging = Paging(page: page, perPage: max(1, call.configuration.formationsPageSize), total: matching.count)
        let items = paging.slice(matching).map { listItem(state.store.orders[$0]) }
        return json(.array(call.decorate(items, template: template(state), fields: badRecordFields)))
    }

    private static func stamp(_ seconds: Int64?) -> JSONValue {
        seconds.map { .number(CivilTime.ymdHis($0)) } ?? .string("")
    }

    static func listItem(_ order: OrderRecord) -> JSONValue {
        .obj([
            "id": .int(order.id), "description": .string(order.customerName), "created_at": stamp(order.createdAt),
            "updated_at": stamp(CivilTime.floorDiv(order.updatedAt, 1_000_000)), "invoiced_at": stamp(order.invoicedAt),
            "cancelled_at": stamp(order.cancelledAt), "status": .number(order.status), "mlc_status": .number(order.status),
            "net": .money(order.netMinor, currency: currency), "gross": .money(order.grossMinor, currency: currency),
        ])
    }

    private static func orderLine(_ line: LineRecord, position: Int, order: OrderRecord) -> JSONValue {
        let product = products.first { $0.0 == line.name }
        let isOfficerService = line.name == "Service Address"
        return .obj([
            "order_id": .int(order.id), "description": .string(line.description), "quantity": .int(line.quantity),
            "price": .money(line.unitMinor, currency: currency), "tax": .money(line.unitTaxMinor, currency: currency),
            "product": .obj(["name": .string(line.name), "is_service": .int(product?.2 == true ? 1 : 0),
                             "is_incorporation": .int(product?.2 == false ? 1 : 0),
                             "taxable": .int(line.unitTaxMinor > 0 ? 1 : 0)]),
            "package": .obj(["name": .string(packages[line.id % packages.count])]),
            "incorporation": .obj(["incorporation_id": .int(order.customerID), "company_name": .string(order.customerName)]),
            "officer": .obj(["company_name": .null,
                             "first_name": isOfficerService ? .string(Catalog.firstNames[line.id % 20]) : .null,
                             "last_name": isOfficerService ? .string(Catalog.lastNames[line.id % 16]) : .null]),
        ])
    }
}

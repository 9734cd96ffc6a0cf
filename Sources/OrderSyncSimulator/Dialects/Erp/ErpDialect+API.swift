/// erp routes: `GET /obapi/v1/orders` and `GET /obapi/v1/orders/{id}`.
extension ErpDialect: SimulatedDialect {
    static let badRecordFields = BadRecord.Fields(date: "date_order", amount: "total_incl_tax", idIsString: true)
    static let maxPerPage = 200

    static func isListRequest(method: String, segments: [String]) -> Bool {
        method == "GET" && segments == ["obapi", "v1", "orders"]
    }

    static func errorBody(status: Int, message: String) -> JSONValue {
        .obj(["error": .obj(["code": .int(status), "message": .string(message)])])
    }

    static func handle(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        guard call.method == "GET", call.segments.count >= 3, call.segments[0...2] == ["obapi", "v1", "orders"] else {
            throw noRoute(call)
        }
        switch call.segments.count {
        case 3: return try list(call, state: &state)
        case 4: return json(.obj(["order": detail(try orderID(call.segments[3], in: state))]))
        default: throw noRoute(call)
        }
    }

    private static func list(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        let page = try call.positiveInt("page", default: 1)
        let perPage = try call.positiveInt("per_page", default: 50)
        guard perPage <= maxPerPage else {
            throw .badRequest("per_page must be at most \(maxPerPage), got \(perPage)")
        }
        let start = try call.date("date_start")
        let end = try call.date("date_end")
        let status = call.query("status")
        if let status, !statuses.contains(status) {
            throw .badRequest("unknown status `\(status)`; expected one of \(statuses.joined(separator: ", "))")
        }
        let sort = call.query("sort") ?? "date_desc"
        let positions: [Int]
        switch sort {
        case "date_asc", "date_desc":
            positions = state.store.sortedPositions(key: "date") { $0.placedAt < $1.placedAt }
        case "ref_asc", "ref_desc":
            positions = state.store.sortedPositions(key: "ref") { ($0.number ?? "") < ($1.number ?? "") }
        default:
            throw .badRequest("unknown sort `\(sort)`; expected date_asc, date_desc, ref_asc or ref_desc")
        }
        let filtered = status != nil || start != nil || end != nil
        let matching = state.store.select(positions, descending: sort.hasSuffix("_desc"), filtered: filtered, where: { order in
            (status == nil || order.status == status) && withinDays(order.placedAt, from: start, to: end)
        })
        let orders = state.store.orders
        let paging = Paging(page: page, perPage: perPage, total: matching.count)
        let items = paging.slice(matching).map { listItem(orders[$0]) }
        return json(.obj([
            "items": .array(call.decorate(items, template: template(state), fields: badRecordFields)),
            "pagination": .obj(["page": .int(page), "per_page": .int(perPage), "total_items": .int(paging.total),
                                "total_pages": .int(paging.lastPage)]),
        ]))
    }

    private static func money(_ minor: Int64) -> JSONValue {
        .string(MinorUnits.text(minor, currency: currency))
    }

    static func listItem(_ order: OrderRecord) -> JSONValue {
        .obj([
            "id": .string(String(order.id)), "ref": .optional(order.number), "customer_ref": .optional(order.customerRef),
            "date_order": .string(CivilTime.date(order.placedAt)), "status": .string(order.status),
            "is_billed": .bool(order.paid), "total_excl_tax": money(order.netMinor),
            "total_vat": money(order.taxMinor), "total_incl_tax": money(order.grossMinor),
        ])
    }

    private static func detail(_ order: OrderRecord) -> JSONValue {
        let lines = order.lines.enumerated().map { position, line -> JSONValue in
            let tax = lineTax(line)
            return .obj([
                "id": .string(String(line.id)), "position": .int(position + 1), "product_ref": .string(line.sku),
                "product_label": .string(line.name), "product_type": .string(line.unitMinor > 50_000 ? "service" : "product"),
                "description": .string(line.description), "quantity": .string("\(line.quantity).00"),
                "unit": .string("unit"), "unit_price_excl_tax": money(line.unitMinor),
                "discount_percent": .string("0.00"), "vat_rate": .string(MinorUnits.text(Int64(line.vatRateMilli), exponent: 3)),
                "total_excl_tax": money(line.lineTotalMinor), "total_vat": money(tax),
                "total_incl_tax": money(line.lineTotalMinor + tax),
            ])
        }
        let validated = order.status == "draft" ? JSONValue.null : .string(CivilTime.isoZ(order.createdAt + 600))
        return .obj([
            "id": .string(String(order.id)), "ref": .optional(order.number), "customer_ref": .optional(order.customerRef),
            "customer_name": .string(order.customerName),
            "date_order": .string(CivilTime.date(order.placedAt)),
            "date_delivery": order.deliveredAt.map { .string(CivilTime.date($0)) } ?? .null,
            "validated_at": validated, "created_at": .string(CivilTime.isoZ(order.createdAt)),
            "updated_at": .string(CivilTime.isoZ(CivilTime.floorDiv(order.updatedAt, 1_000_000))),
            "status": .string(order.status), "is_billed": .bool(order.paid), "payment_terms": .string("Net 30 days"),
            "payment_method": .string("Bank transfer"), "shipping_method": .string("Colissimo"),
            "total_excl_tax": money(order.netMinor), "total_vat": money(order.taxMinor),
            "total_incl_tax": money(order.grossMinor), "public_note": .string(""), "lines": .array(lines),
        ])
    }
}

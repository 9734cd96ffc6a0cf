/// mobility routes under `/v2.3/orders`: list, statuses, one order, invoices.
extension MobilityDialect: SimulatedDialect {
    static let badRecordFields = BadRecord.Fields(date: "placed_on", amount: "amount")

    static func isListRequest(method: String, segments: [String]) -> Bool {
        method == "GET" && (segments == ["v2.3", "orders"]
            || (segments.count == 4 && segments[0...1] == ["v2.3", "orders"] && segments[3] == "invoices"))
    }

    static func errorBody(status: Int, message: String) -> JSONValue {
        .obj(["success": .bool(false), "message": .string(message)])
    }

    static func handle(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        guard call.method == "GET", call.segments.count >= 2, call.segments[0...1] == ["v2.3", "orders"] else {
            throw noRoute(call)
        }
        switch Array(call.segments.dropFirst(2)) {
        case []: return try list(call, state: &state)
        case ["statuses"]:
            let items = statuses.enumerated().map { JSONValue.obj(["id": .int($0.offset + 1), "text": .string($0.element)]) }
            return json(.obj(["success": .bool(true), "result": .array(items)]))
        case let path where path.count == 1:
            return json(.obj(["success": .bool(true), "result": detail(try orderID(path[0], in: state))]))
        case let path where path.count == 2 && path[1] == "invoices":
            return try invoices(call, order: try orderID(path[0], in: state), state: state)
        default: throw noRoute(call)
        }
    }

    private static func page(_ items: [JSONValue], _ paging: Paging, _ call: DialectCall, _ state: DialectState,
                             template: JSONValue?) -> HTTPResponse {
        json(.obj(["success": .bool(true), "result": .obj([
            "items": .array(call.decorate(items, template: template, fields: badRecordFields)),
            "current_page": .int(paging.page), "per_page": .int(paging.perPage),
            "last_page": .int(paging.lastPage), "total": .int(paging.total),
        ])]))
    }

    private static func list(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        let pageNumber = try call.positiveInt("page", default: 1)
        let perPage = try call.positiveInt("per_page", default: 20)
        let statusID = call.query("status_id").map { Int($0) ?? -1 }
        let search = call.query("search_text")?.lowercased()
        let direction = call.query("order_direction")?.lowercased() ?? "desc"
        guard direction == "asc" || direction == "desc" else {
            throw .badRequest("order_direction must be asc or desc, got `\(direction)`")
        }
        let positions: [Int]
        switch call.query("order") ?? "id" {
        case "id": positions = Array(state.store.orders.indices)
        case "created_at": positions = state.store.sortedPositions(key: "created") { $0.createdAt < $1.createdAt }
        case "status_updated_at":
            positions = state.store.sortedPositions(key: "status_updated") { $0.updatedAt / 1_000_000 < $1.updatedAt / 1_000_000 }
        case let other: throw .badRequest("order must be id, created_at or status_updated_at, got `\(other)`")
        }
        let filtered = statusID != nil || search != nil
        let matching = state.store.select(positions, descending: direction == "desc", filtered: filtered, where: { order in
            if let statusID, statusID != self.statusID(order.status) { return false }
            if let search, !order.customerName.lowercased().contains(search), order.number != search { return false }
            return true
        })
        let orders = state.store.orders
        let paging = Paging(page: pageNumber, perPage: perPage, total: matching.count)
        return page(paging.slice(matching).map { listItem(orders[$0]) }, paging, call, state, template: template(state))
    }

    private static func invoices(_ call: DialectCall, order: OrderRecord, state: DialectState) throws(DialectError) -> HTTPResponse {
        let pageNumber = try call.positiveInt("page", default: 1)
        let perPage = try call.positiveInt("per_page", default: 20)
        let issue = (try call.date("invoice_issue_start_date"), try call.date("invoice_issue_end_date"))
        let due = (try call.date("invoice_due_start_date"), try call.date("invoice_due_end_date"))
        let payment = (try call.date("invoice_payment_start_date"), try call.date("invoice_payment_end_date"))
        let status = call.query("status")
        let search = call.query("search_text")
        let matching = order.invoices.filter { invoice in
            if let status, invoiceStatus(invoice) != status { return false }
            if let search, !invoice.number.contains(search) { return false }
            if payment.0 != nil || payment.1 != nil {
                guard let paid = invoice.paidOn, withinDays(paid, from: payment.0, to: payment.1) else { return false }
            }
            return withinDays(invoice.issuedOn, from: issue.0, to: issue.1) && withinDays(invoice.dueOn, from: due.0, to: due.1)
        }
        let paging = Paging(page: pageNumber, perPage: perPage, total: matching.count)
        let items = paging.slice(matching).map { invoiceItem($0, order: order) }
        let template = order.invoices.first.map { invoiceItem($0, order: order) }
        return page(items, paging, call, state, template: template)
    }

    private static func invoiceStatus(_ invoice: InvoiceRecord) -> String {
        invoice.paidOn == nil ? "New" : "Paid"
    }

    private static func invoiceItem(_ invoice: InvoiceRecord, order: OrderRecord) -> JSONValue {
        let user = JSONValue.obj(["id": .int(1_001), "first_name": .string("Jane"), "last_name": .string("User"),
                                  "email": .string("jane.user@example.com")])
        return .obj([
            "id": .int(invoice.fileID), "file": .string("invoice-\(invoice.number).pdf"),
            "name": .string("Invoice \(invoice.number)"), "status": .string("uploaded"), "user": user,
            "order_invoice": .obj([
                "id": .int(invoice.id), "order_id": .int(order.id), "file_id": .int(invoice.fileID),
                "invoice_number": .string(invoice.number),
                "invoice_amount": .money(invoice.amountMinor, currency: order.currency),
                "invoice_currency": .string(order.currency), "invoice_status": .string(invoiceStatus(invoice)),
                "invoice_due_date": .string(CivilTime.date(invoice.dueOn)),
                "invoice_issue_date": .string(CivilTime.date(invoice.issuedOn)),
                "payment_date": .optional(invoice.paidOn.map(CivilTime.date)), "transaction_id": .null,
                "payment_method": .null, "payment_id": .null, "user_id": .int(1_001), "provider_id": .int(3_001),
                "deleted_reason": .null,
            ]),
        ])
    }
}

/// lifecycle write routes: `POST /api/orders/place` and
/// `POST /api/orders/{id}/action`. Every write moves `updated_at` to now.
extension LifecycleDialect {
    static func place(_ call: DialectCall, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        let body = try parseBody(call)
        guard let customer = body["customer_id"]?.scalarText, !customer.isEmpty else {
            throw .unprocessable("customer_id is required (the userhub customer id, e.g. CUST-12345)")
        }
        guard case .array(let rawItems)? = body["items"], !rawItems.isEmpty else {
            throw .unprocessable("items is required: a non-empty array of {product_id, product_name, quantity, price}")
        }
        guard let billing = body["billing"], case .object = billing,
              let first = billing["first_name"]?.scalarText, let last = billing["last_name"]?.scalarText,
              billing["email"]?.scalarText != nil else {
            throw .unprocessable("billing is required with first_name, last_name and email")
        }
        var lines: [LineRecord] = []
        for (index, item) in rawItems.enumerated() {
            guard let name = item["product_name"]?.scalarText,
                  let quantity = item["quantity"]?.scalarText.flatMap({ Int($0) }), quantity >= 1,
                  let priceText = item["price"]?.scalarText,
                  let price = MinorUnits.parse(priceText, exponent: 2), price >= 0 else {
                throw .unprocessable("items[\(index)] needs product_name, a whole quantity ≥ 1 and a price with at most 2 decimals")
            }
            let sku = item["product_id"]?.scalarText.flatMap { Int($0) }.map(String.init) ?? "0"
            lines.append(LineRecord(id: state.takeLineID(), sku: sku, name: name, description: name,
                                    quantity: quantity, unitMinor: price))
        }
        let gross = lines.reduce(Int64(0)) { $0 + $1.lineTotalMinor }
        if let totalText = body["total"]?.scalarText {
            guard MinorUnits.parse(totalText, exponent: 2) == gross else {
                throw .unprocessable("total \(totalText) does not equal the sum of the items, \(MinorUnits.text(gross, exponent: 2))")
            }
        }
        var tax: Int64 = 0
        if let taxText = body["total_tax"]?.scalarText {
            guard let value = MinorUnits.parse(taxText, exponent: 2), value >= 0, value <= gross else {
                throw .unprocessable("total_tax must be a decimal between 0 and the total")
            }
            tax = value
        }
        let status = body["status"]?.scalarText ?? initialStatus
        guard statuses.contains(status) else {
            throw .unprocessable("status must be one of \(statuses.joined(separator: ", "))")
        }
        var rng = state.mutationRNG
        let id = state.store.nextID(gap: 1)
        var order = OrderRecord(id: id, number: String(state.takeNumber(&rng)), status: status, currency: "EUR",
                                placedAt: call.now, createdAt: call.now, updatedAt: call.nowMicro,
                                customerID: 0, customerName: "\(first) \(last)", customerRef: customer)
        state.mutationRNG = rng
        order.taxOverride = tax
        order.lines = lines
        order.billingFirstName = first
        order.billingLastName = last
        order.notes = body["notes"]?.scalarText ?? ""
        if case .object(let members)? = body["metadata"] { order.metadata = members }
        state.store.append(order)
        let placed = state.store.order(id: id) ?? order
        return json(.obj(["success": .bool(true), "message": .string("Order placed successfully"),
                          "data": detail(placed)]), status: 201)
    }

    static func action(_ call: DialectCall, id: String, state: inout DialectState) throws(DialectError) -> HTTPResponse {
        let order = try orderID(id, in: state)
        let body = try parseBody(call)
        let name = body["action"]?.scalarText ?? ""
        var newStatus: String?
        var metadata: [JSONValue.Member]?
        switch name {
        case "update_status":
            guard let status = body["status"]?.scalarText, statuses.contains(status) else {
                throw .unprocessable("update_status needs status, one of \(statuses.joined(separator: ", "))")
            }
            newStatus = status
        case "cancel": newStatus = "cancelled"
        case "complete": newStatus = "completed"
        case "update_metadata":
            guard case .object(let members)? = body["metadata"] else {
                throw .unprocessable("update_metadata needs a metadata object")
            }
            metadata = members
        default:
            throw .unprocessable("action must be update_status, cancel, complete or update_metadata, got `\(name)`")
        }
        let notes = body["notes"]?.scalarText
        state.store.update(id: order.id) { order in
            if let newStatus { order.status = newStatus }
            if let metadata {
                var merged = JSONValue.object(order.metadata)
                for member in metadata { merged = merged.setting(member.key, member.value) }
                if case .object(let members) = merged { order.metadata = members }
            }
            if let notes { order.notes = notes }
            order.updatedAt = Mutator.touch(order.updatedAt, call.nowMicro)
        }
        let updated = state.store.order(id: order.id) ?? order
        return json(.obj(["success": .bool(true), "message": .string("Action \(name) applied"), "data": detail(updated)]))
    }

    private static func parseBody(_ call: DialectCall) throws(DialectError) -> JSONValue {
        do {
            let body = try JSONParser.parse(call.request.body)
            guard case .object = body else { throw DialectError.badRequest("the body must be a JSON object") }
            return body
        } catch let error as JSONParser.Failure {
            throw .badRequest("the body is not valid JSON: \(error.description)")
        } catch let error as DialectError {
            throw error
        } catch {
            throw .badRequest("the body could not be read")
        }
    }
}

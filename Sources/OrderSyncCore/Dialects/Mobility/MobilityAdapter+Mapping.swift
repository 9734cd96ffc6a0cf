/// Field-by-field mapping of a `mobility` order: the list item merged with the detail's
/// `result`. See `docs/dialects/mobility.md#field-mapping`.
extension MobilityAdapter {
    public func mapOrder(_ record: JSONValue, context: MappingContext) throws(MappingError) -> CanonicalOrder {
        let order = try RecordReader(record)
        let orderID = try order.requiredText("id")
        let currency = try currency(of: order, key: "currency_code")
        let exponent = Currency.exponent(of: currency)
        let statusRaw = try statusText(of: order, table: MobilityStatusTable(context))
        let status = statuses.status(for: statusRaw)
        let client = try order.object("client")
        let entityID = try order.text("entity_id")
        let clientName = try client?.text("company_name")
        let updatedAt = try order.instant("status_updated_at", timeZone: timeZone)
        return CanonicalOrder(
            orderID: orderID,
            orderNumber: try order.text("identity_number"),
            customerID: entityID == nil ? try client?.text("id") : entityID,
            customerName: clientName == nil ? try order.text("company_name") : clientName,
            customerRef: try client?.text("slug"),
            status: status,
            statusRaw: statusRaw,
            currency: currency,
            // `amount` is the total including tax; mobility publishes no net or tax figure.
            grossMinor: try order.money("amount", exponent: exponent),
            orderedAt: try order.requiredInstant("placed_on", timeZone: timeZone),
            updatedAt: updatedAt,
            // No cancellation timestamp exists; a cancelled order's last status change is its
            // cancellation (terminal orders do not change status again).
            cancelledAt: status == .cancelled ? updatedAt : nil,
            raw: record.serialized,
            lines: try mapLines(order, currency: currency))
    }

    /// A list item's status text, read the way the mapping reads it (for `verify`).
    func listStatus(_ item: JSONObject, context: MappingContext) -> String? {
        let table = MobilityStatusTable(context)
        func text(_ key: String) -> String? { item[key]?.scalarText.flatMap { $0.isEmpty ? nil : $0 } }
        return table.text(for: text("status_id")) ?? text("status_name")
    }

    /// The status text: the run's statuses table for `status_id`, else the order's `status_name`.
    private func statusText(of order: RecordReader, table: MobilityStatusTable) throws(MappingError) -> String {
        if let text = table.text(for: try order.text("status_id")) { return text }
        guard let name = try order.text("status_name") else {
            throw order.error("status_name", "required field missing (and status_id is not in the statuses table)")
        }
        return name
    }

    /// The record's ISO 4217 code at `key`, else the source's `currency` setting.
    func currency(of record: RecordReader, key: String) throws(MappingError) -> String {
        guard let code = try record.text(key) ?? fallbackCurrency else {
            throw record.error(key, "required field missing; set the source's currency to read amounts without one")
        }
        guard Currency.isWellFormed(code) else {
            throw record.error(key, "\"\(code.prefix(40))\" is not an ISO 4217 currency code")
        }
        return code
    }

    /// `details` from the detail request. The list item carries `details: []` with
    /// `billing: null`: that shape means "not read here", and the stored lines are left alone.
    private func mapLines(_ order: RecordReader, currency: String) throws(MappingError) -> [CanonicalOrderLine]? {
        let details = try order.objects("details")
        if details.isEmpty, order.value("billing") == nil { return nil }
        var lines: [CanonicalOrderLine] = []
        lines.reserveCapacity(details.count)
        for (index, line) in details.enumerated() {
            let lineCurrency = try line.text("currency_code") == nil ? currency : try self.currency(of: line, key: "currency_code")
            let exponent = Currency.exponent(of: lineCurrency)
            let unit = try line.money("unit_price", exponent: exponent)
            let quantityText = try line.requiredText("quantity")
            // Prices include tax: `total_price` is the line's gross; derived exactly when absent.
            var gross = try line.money("total_price", exponent: exponent)
            if gross == nil, let unit { gross = LineAmount.total(unitMinor: unit, quantityText: quantityText) }
            lines.append(CanonicalOrderLine(
                lineNo: index + 1,
                lineID: try line.text("id"),
                sku: try line.text("offer_id"),
                description: try line.text("offer_name"),
                quantity: try line.quantity("quantity"),
                unitPriceMinor: unit,
                grossMinor: gross,
                currency: lineCurrency))
        }
        return lines
    }
}

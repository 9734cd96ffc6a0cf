/// Field-by-field mapping of a `lifecycle` order (list item merged with the detail's `data`).
/// See `docs/dialects.md#lifecycle`.
extension LifecycleAdapter {
    public func mapOrder(_ record: JSONValue, context: MappingContext) throws(MappingError) -> CanonicalOrder {
        let order = try RecordReader(record)
        let currency = try currency(of: order)
        let exponent = Currency.exponent(of: currency)
        let statusRaw = try order.requiredText("status")
        let gross = try order.money("total", exponent: exponent)
        let tax = try order.money("total_tax", exponent: exponent)
        let billing = try order.object("billing")
        let net = try order.difference(gross, tax, blaming: "total_tax")
        return CanonicalOrder(
            orderID: try order.requiredText("id"),
            orderNumber: try order.text("order_id"),
            customerID: try order.text("customer_id"),
            customerName: try billing.flatMap(customerName),
            status: statuses.status(for: statusRaw),
            statusRaw: statusRaw,
            currency: currency,
            netMinor: net,
            taxMinor: tax,
            grossMinor: gross,
            orderedAt: try order.requiredInstant("created_at", timeZone: timeZone),
            updatedAt: try order.instant("updated_at", timeZone: timeZone),
            raw: record.serialized,
            lines: order.value("items") == nil ? nil : try mapLines(order, currency: currency, exponent: exponent))
    }

    private func currency(of order: RecordReader) throws(MappingError) -> String {
        if let currencyOverride { return currencyOverride }
        let symbol = try order.text("currency_symbol") ?? "€"
        guard let code = Self.currencyBySymbol[symbol] else {
            throw order.error("currency_symbol", "unknown currency symbol \"\(symbol)\"; set the source's currency")
        }
        return code
    }

    private func customerName(_ billing: RecordReader) throws(MappingError) -> String? {
        if let company = try billing.text("company_name") { return company }
        let parts = [try billing.text("first_name"), try billing.text("last_name")].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Items carry a unit price including tax; the line total is price × quantity, exactly.
    private func mapLines(_ order: RecordReader, currency: String, exponent: Int) throws(MappingError) -> [CanonicalOrderLine] {
        var lines: [CanonicalOrderLine] = []
        for (index, item) in try order.objects("items").enumerated() {
            let unit = try item.money("price", exponent: exponent)
            let quantityText = try item.requiredText("quantity")
            lines.append(CanonicalOrderLine(
                lineNo: index + 1,
                lineID: try item.text("id"),
                sku: try item.text("product_id"),
                description: try item.text("product_name"),
                quantity: try item.quantity("quantity"),
                unitPriceMinor: unit,
                grossMinor: unit.flatMap { LineAmount.total(unitMinor: $0, quantityText: quantityText) },
                currency: currency))
        }
        return lines
    }
}

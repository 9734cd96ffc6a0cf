import OrderSyncCore

/// Field-by-field mapping of a `sixth` list item (it carries the whole order, lines included).
extension SixthAdapter {
    public func mapOrder(_ record: JSONValue, context: MappingContext) throws(MappingError) -> CanonicalOrder {
        let order = try RecordReader(record)
        let currency = try order.requiredText("currency")
        let exponent = Currency.exponent(of: currency)
        let statusRaw = try order.requiredText("status")
        let customer = try order.object("customer")
        return CanonicalOrder(
            orderID: try order.requiredText("id"),
            orderNumber: try order.text("number"),
            customerID: try customer?.text("id"),
            customerName: try customer?.text("name"),
            status: statuses.status(for: statusRaw),
            statusRaw: statusRaw,
            currency: currency,
            netMinor: try order.money("subtotal", exponent: exponent),
            taxMinor: try order.money("tax", exponent: exponent),
            grossMinor: try order.requiredMoney("total", exponent: exponent),
            orderedAt: try order.requiredInstant("created_at", timeZone: timeZone),
            updatedAt: try order.instant("updated_at", timeZone: timeZone),
            raw: record.serialized,
            lines: try mapLines(order, currency: currency, exponent: exponent))
    }

    private func mapLines(_ order: RecordReader, currency: String, exponent: Int) throws(MappingError) -> [CanonicalOrderLine] {
        var lines: [CanonicalOrderLine] = []
        for (index, line) in try order.objects("lines").enumerated() {
            lines.append(CanonicalOrderLine(
                lineNo: index + 1,
                lineID: try line.text("id"),
                sku: try line.text("sku"),
                description: try line.text("name"),
                quantity: try line.quantity("quantity"),
                unitPriceMinor: try line.money("unit_price", exponent: exponent),
                netMinor: try line.money("amount", exponent: exponent),
                currency: currency))
        }
        return lines
    }
}

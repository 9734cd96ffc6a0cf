/// Field-by-field mapping of an `erp` order (list item merged with `GET /orders/{id}`'s `order`).
/// See `docs/dialects.md#erp`.
extension ERPAdapter {
    public func mapOrder(_ record: JSONValue, context: MappingContext) throws(MappingError) -> CanonicalOrder {
        let order = try RecordReader(record)
        let exponent = Currency.exponent(of: currency)
        let statusRaw = try order.requiredText("status")
        return CanonicalOrder(
            orderID: try order.requiredText("id"),
            orderNumber: try order.text("ref"),
            customerRef: try order.text("customer_ref"),
            status: statuses.status(for: statusRaw),
            statusRaw: statusRaw,
            currency: currency,
            netMinor: try order.money("total_excl_tax", exponent: exponent),
            taxMinor: try order.money("total_vat", exponent: exponent),
            grossMinor: try order.money("total_incl_tax", exponent: exponent),
            // The order was placed at 00:00 on `date_order` in the source's time zone.
            orderedAt: try order.requiredDayStart("date_order", timeZone: timeZone),
            updatedAt: try order.instant("updated_at", timeZone: timeZone),
            raw: record.serialized,
            lines: order.value("lines") == nil ? nil : try mapLines(order, exponent: exponent))
    }

    private func mapLines(_ order: RecordReader, exponent: Int) throws(MappingError) -> [CanonicalOrderLine] {
        var lines: [CanonicalOrderLine] = []
        for (index, line) in try order.objects("lines").enumerated() {
            let label = try line.text("product_label")
            lines.append(CanonicalOrderLine(
                lineNo: index + 1,
                lineID: try line.text("id"),
                sku: try line.text("product_ref"),
                description: try line.text("description") ?? label,
                quantity: try line.quantity("quantity"),
                unitPriceMinor: try line.money("unit_price_excl_tax", exponent: exponent),
                netMinor: try line.money("total_excl_tax", exponent: exponent),
                taxMinor: try line.money("total_vat", exponent: exponent),
                grossMinor: try line.money("total_incl_tax", exponent: exponent),
                currency: currency))
        }
        return lines
    }
}

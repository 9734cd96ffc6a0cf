/// Field-by-field mapping of a `reseller` list item (it carries its lines; there is no detail).
/// See `docs/dialects/reseller.md`.
extension ResellerAdapter {
    public func mapOrder(_ record: JSONValue, context: MappingContext) throws(MappingError) -> CanonicalOrder {
        let order = try RecordReader(record)
        // `q=id:<id>` takes integers: an id that is not one could never be re-read.
        guard let id = try order.integer("id") else { throw order.error("id", "required field missing") }
        let currency = try currency(of: order)
        let exponent = Currency.exponent(of: currency)
        let statusRaw = try statusName(of: order)
        let gross = try order.money("total", exponent: exponent)
        let tax = try order.money("vat", exponent: exponent)
        let net = try order.difference(gross, tax, blaming: "vat")
        let customer = try order.object("customer_organisation")
        // The customer's own PO number: their reference (as erp's customer_ref) and the only
        // human-readable one the order has, so it is the order number too.
        let purchaseOrder = try order.text("purchase_order_number")
        return CanonicalOrder(
            orderID: String(id),
            orderNumber: purchaseOrder,
            customerID: try customer?.text("id"),
            customerName: try customer?.text("name"),
            customerRef: purchaseOrder,
            status: statuses.status(for: statusRaw),
            statusRaw: statusRaw,
            currency: currency,
            netMinor: net,
            taxMinor: tax,
            grossMinor: gross,
            isPaid: try order.bool("paid"),
            // An order still being edited may not have been submitted yet.
            orderedAt: try order.instant("submit_date", timeZone: timeZone),
            raw: record.serialized,
            lines: order.value("line") == nil ? nil : try mapLines(order, currency: currency, exponent: exponent))
    }

    /// `currency.code`, else the source's `currency` setting.
    private func currency(of order: RecordReader) throws(MappingError) -> String {
        let currency = try order.object("currency")
        guard let code = try currency?.text("code") ?? currencyFallback else {
            throw order.error("currency.code", "required field missing; set the source's currency if the upstream omits it")
        }
        guard Currency.isWellFormed(code) else {
            throw order.error("currency.code", "\"\(code.prefix(40))\" is not an ISO 4217 code")
        }
        return code
    }

    /// The raw status is the status object's `name` (`SUBMITTED`); its numeric `id` is what the
    /// open-order filters use.
    private func statusName(of order: RecordReader) throws(MappingError) -> String {
        let status = try order.requiredObject("status")
        _ = try status.integer("id")
        return try status.requiredText("name")
    }

    /// Lines carry a unit price and a total, both excluding VAT: the total is the line's net.
    private func mapLines(_ order: RecordReader, currency: String, exponent: Int) throws(MappingError) -> [CanonicalOrderLine] {
        var lines: [CanonicalOrderLine] = []
        for (index, line) in try order.objects("line").enumerated() {
            lines.append(CanonicalOrderLine(
                lineNo: index + 1,
                lineID: try line.text("id"),
                sku: try line.text("product_code"),
                description: try line.text("description"),
                quantity: try line.quantity("quantity"),
                unitPriceMinor: try line.money("unit_price", exponent: exponent),
                netMinor: try line.money("total", exponent: exponent),
                currency: currency))
        }
        return lines
    }
}

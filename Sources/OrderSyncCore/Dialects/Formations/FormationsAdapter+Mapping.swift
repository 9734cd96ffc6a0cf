/// Field-by-field mapping of a `formations` order: the list item with the answer of
/// `GET /orders/{id}/orderlines` embedded as `orderlines`. See `docs/dialects/formations.md`.
extension FormationsAdapter {
    public func mapOrder(_ record: JSONValue, context: MappingContext) throws(MappingError) -> CanonicalOrder {
        let order = try RecordReader(record)
        let exponent = Currency.exponent(of: currency)
        let orderID = try order.requiredText("id")
        let statusRaw = try order.requiredText("status")
        let net = try order.money("net", exponent: exponent)
        let gross = try order.money("gross", exponent: exponent)
        let tax = try order.difference(gross, net, blaming: "gross")
        guard let orderedAt = try order.compactInstant("created_at", timeZone: timeZone) else {
            throw order.error("created_at", "required timestamp missing")
        }
        // Nil when this read did not include the lines (they are then left as stored).
        let lines = order.value("orderlines") == nil ? nil : try order.objects("orderlines")
        var mappedLines: [CanonicalOrderLine]?
        if let lines { mappedLines = try mapLines(lines, exponent: exponent) }
        return CanonicalOrder(
            orderID: orderID,
            customerID: try lines.flatMap(incorporationID),
            // The company the order is for ("ABC LTD").
            customerName: try order.text("description"),
            status: statuses.status(for: statusRaw),
            statusRaw: statusRaw,
            currency: currency,
            netMinor: net,
            taxMinor: tax,
            grossMinor: gross,
            orderedAt: orderedAt,
            updatedAt: try order.compactInstant("updated_at", timeZone: timeZone),
            invoicedAt: try order.compactInstant("invoiced_at", timeZone: timeZone),
            cancelledAt: try order.compactInstant("cancelled_at", timeZone: timeZone),
            raw: record.serialized,
            lines: mappedLines)
    }

    /// The incorporation every line names, when they agree on one; nil when none or several.
    private func incorporationID(_ lines: [RecordReader]) throws(MappingError) -> String? {
        var ids = Set<String>()
        for line in lines {
            if let id = try line.object("incorporation")?.text("incorporation_id") { ids.insert(id) }
        }
        return ids.count == 1 ? ids.first : nil
    }

    /// Lines have no id: their position is their identity. `price` is the unit price excluding
    /// tax and `tax` the tax per unit, so the line figures are derived, exactly.
    private func mapLines(_ lines: [RecordReader], exponent: Int) throws(MappingError) -> [CanonicalOrderLine] {
        var mapped: [CanonicalOrderLine] = []
        mapped.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let quantity = try line.quantity("quantity")
            let quantityText = try line.requiredText("quantity")
            let unit = try line.money("price", exponent: exponent)
            let unitTax = try line.money("tax", exponent: exponent)
            var net: Int64?, tax: Int64?, gross: Int64?
            if let unit { net = try total(unit, quantityText, line, "price") }
            if let unitTax { tax = try total(unitTax, quantityText, line, "tax") }
            if let net, let tax {
                let (sum, overflow) = net.addingReportingOverflow(tax)
                guard !overflow else { throw line.error("tax", "price + tax is out of range") }
                gross = sum
            }
            // `description` is often "": the product's name says what the line is.
            var description = try line.text("description")
            if description == nil { description = try line.object("product")?.text("name") }
            mapped.append(CanonicalOrderLine(
                lineNo: index + 1,
                description: description,
                quantity: quantity,
                unitPriceMinor: unit,
                netMinor: net,
                taxMinor: tax,
                grossMinor: gross,
                currency: currency))
        }
        return mapped
    }

    private func total(_ unitMinor: Int64, _ quantityText: String, _ line: RecordReader, _ key: String) throws(MappingError) -> Int64 {
        guard let total = LineAmount.total(unitMinor: unitMinor, quantityText: quantityText) else {
            throw line.error(key, "\(key) × quantity is out of range")
        }
        return total
    }
}

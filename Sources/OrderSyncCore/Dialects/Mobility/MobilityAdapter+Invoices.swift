/// Field-by-field mapping of one item of `GET /v2.3/orders/{id}/invoices`: an invoice *file*
/// whose `order_invoice` is the invoice. See `docs/dialects/mobility.md#field-mapping`.
extension MobilityAdapter {
    public func mapInvoice(_ record: JSONValue, orderID: String, context: MappingContext) throws(MappingError) -> CanonicalInvoice {
        let file = try RecordReader(record)
        let invoice = try file.requiredObject("order_invoice")
        // The item's own `id` is the file's; the invoice is `order_invoice.id`.
        let invoiceID = try invoice.requiredText("id")
        if let owner = try invoice.text("order_id"), owner != orderID {
            throw invoice.error("order_id", "the invoice belongs to order \(owner.prefix(40)), but was listed under order \(orderID)")
        }
        let currency = try currency(of: invoice, key: "invoice_currency")
        let status = try invoice.text("invoice_status")
        let paidOn = try invoice.date("payment_date")
        return CanonicalInvoice(
            invoiceID: invoiceID,
            orderID: orderID,
            invoiceNumber: try invoice.text("invoice_number"),
            status: status,
            currency: currency,
            amountMinor: try invoice.money("invoice_amount", exponent: Currency.exponent(of: currency)),
            issuedOn: try invoice.date("invoice_issue_date"),
            dueOn: try invoice.date("invoice_due_date"),
            paidOn: paidOn,
            paymentState: MobilityInvoiceStatus.paymentState(status: status, paidOn: paidOn),
            raw: record.serialized)
    }
}

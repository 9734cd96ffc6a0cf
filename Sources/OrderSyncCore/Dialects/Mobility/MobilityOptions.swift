/// The `mobility` settings under a source's `options`: each declared once (key, kind and range,
/// default, help) as a `DialectOptionKey`, which the loader validates, `init` reads typed and
/// `docs/dialects/mobility.md#options` documents (a test compares the table with `declarations`).
struct MobilityOptions: Sendable, Equatable {
    static let invoiceSweepInterval = DialectOptionKey.integer(
        "invoice_sweep_interval_seconds", 0...31 * 86_400, default: 3600, "least time between two invoice sweeps (0: every poll)")
    static let invoiceWindow = DialectOptionKey.integer(
        "invoice_window_days", 1...36_500, default: 60, "orders placed this recently are swept for invoices (open orders always)")
    static let invoicePaymentSweep = DialectOptionKey.boolean(
        "invoice_payment_sweep", default: true,
        "also ask each parent for invoices paid since the previous sweep (one more request per parent)")
    static let backfillMargin = DialectOptionKey.integer(
        "backfill_margin_hours", 0...8_760, default: 24, "how long before `--since` a backfill keeps reading (it scans `created_at`)")

    static let declarations = [
        invoiceSweepInterval.declaration, invoiceWindow.declaration, invoicePaymentSweep.declaration, backfillMargin.declaration,
    ]

    /// `invoice_sweep_interval_seconds`.
    var invoiceSweepIntervalSeconds: Int
    /// `invoice_window_days`.
    var invoiceWindowDays: Int
    /// `invoice_payment_sweep`: so a payment of an invoice issued before the previous sweep is seen.
    var invoicePaymentSweep: Bool
    /// `backfill_margin_hours`: an order can be placed a while after it was created.
    var backfillMarginHours: Int

    init(_ values: DialectOptionValues) {
        invoiceSweepIntervalSeconds = values[Self.invoiceSweepInterval]
        invoiceWindowDays = values[Self.invoiceWindow]
        invoicePaymentSweep = values[Self.invoicePaymentSweep]
        backfillMarginHours = values[Self.backfillMargin]
    }
}

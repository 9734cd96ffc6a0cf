/// The `mobility` settings under a source's `options`, declared as data and read typed.
/// `docs/dialects/mobility.md#options` explains the trade-offs.
struct MobilityOptions: Sendable, Equatable {
    static let declarations = [
        DialectOption("invoice_sweep_interval_seconds", .integer(0...31 * 86_400), default: .number("3600"),
                      "least time between two invoice sweeps (0: every poll)"),
        DialectOption("invoice_window_days", .integer(1...36_500), default: .number("60"),
                      "orders placed this recently are swept for invoices (open ones always)"),
        DialectOption("invoice_payment_sweep", .boolean, default: .bool(true),
                      "also ask each parent for invoices paid since the previous sweep (one more request per parent)"),
        DialectOption("backfill_margin_hours", .integer(0...8_760), default: .number("24"),
                      "how long before `--since` a backfill keeps reading (it scans `created_at`)"),
    ]

    /// `invoice_sweep_interval_seconds`: the least time between two invoice sweeps (0: every poll).
    var invoiceSweepIntervalSeconds: Int
    /// `invoice_window_days`: orders placed this recently are swept for invoices (open ones always).
    var invoiceWindowDays: Int
    /// `invoice_payment_sweep`: also ask each parent for invoices paid since the previous sweep, so
    /// a payment of an invoice issued before that sweep is seen (one more request per parent).
    var invoicePaymentSweep: Bool
    /// `backfill_margin_hours`: how long before `--since` a backfill keeps reading, because the
    /// backfill scans `created_at` and an order can be placed a while after it was created.
    var backfillMarginHours: Int

    init(_ values: DialectOptionValues) {
        invoiceSweepIntervalSeconds = values.integer("invoice_sweep_interval_seconds")
        invoiceWindowDays = values.integer("invoice_window_days")
        invoicePaymentSweep = values.bool("invoice_payment_sweep")
        backfillMarginHours = values.integer("backfill_margin_hours")
    }
}

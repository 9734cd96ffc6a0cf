/// The `mobility` settings under a source's `options`, validated once when the adapter is built.
/// Every key is optional; `docs/dialects/mobility.md#options` explains the trade-offs.
struct MobilityOptions: Sendable, Equatable {
    /// `invoice_sweep_interval_seconds`: the least time between two invoice sweeps (0: every poll).
    var invoiceSweepIntervalSeconds = 3_600
    /// `invoice_window_days`: orders placed this recently are swept for invoices (open ones always).
    var invoiceWindowDays = 60
    /// `invoice_payment_sweep`: also ask each parent for invoices paid since the previous sweep, so
    /// a payment of an invoice issued before that sweep is seen (one more request per parent).
    var invoicePaymentSweep = true
    /// `backfill_margin_hours`: how long before `--since` a backfill keeps reading, because the
    /// backfill scans `created_at` and an order can be placed a while after it was created.
    var backfillMarginHours = 24

    static let keys = ["backfill_margin_hours", "invoice_payment_sweep", "invoice_sweep_interval_seconds", "invoice_window_days"]

    init() {}

    /// Reads `options`; errors name `options.<key>`, relative to the source.
    init(_ options: JSONObject) throws(ConfigError) {
        for key in options.keys where !Self.keys.contains(key) {
            var message = "unknown mobility option"
            if let guess = KeySuggestion.closest(to: key, among: Self.keys) { message += "; did you mean \"\(guess)\"?" }
            throw ConfigError(path: "options.\(key)", message: message + " (known: \(Self.keys.joined(separator: ", ")))")
        }
        invoiceSweepIntervalSeconds = try Self.integer(options, "invoice_sweep_interval_seconds", in: 0...31 * 86_400)
            ?? invoiceSweepIntervalSeconds
        invoiceWindowDays = try Self.integer(options, "invoice_window_days", in: 1...36_500) ?? invoiceWindowDays
        backfillMarginHours = try Self.integer(options, "backfill_margin_hours", in: 0...8_760) ?? backfillMarginHours
        if let value = options["invoice_payment_sweep"] {
            guard case .bool(let flag) = value else {
                throw ConfigError(path: "options.invoice_payment_sweep", message: "expected true or false, got \(value.serialized)")
            }
            invoicePaymentSweep = flag
        }
    }

    /// An integral JSON number (`3600`, not `"3600"` or `3600.5`) within `range`, nil when absent.
    private static func integer(_ options: JSONObject, _ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = options[key] else { return nil }
        if case .number(let literal) = value, let number = Int(literal), range.contains(number) {
            return number
        }
        throw ConfigError(path: "options.\(key)",
                          message: "expected an integer from \(range.lowerBound) to \(range.upperBound), got \(value.serialized)")
    }
}

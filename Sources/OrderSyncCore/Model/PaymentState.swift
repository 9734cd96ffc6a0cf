/// An invoice's payment state, normalized across dialects (`invoices.payment_state`); the
/// upstream's own status text stays in `invoices.status`.
public enum PaymentState: String, Sendable, CaseIterable, Equatable {
    /// Settled in full.
    case paid
    /// Issued and still owed (new, sent, overdue, partly paid).
    case open
    /// Cancelled, voided or credited: nothing is owed on it.
    case void
    /// A status no dialect table knows, with no payment date to go by.
    case unknown
}

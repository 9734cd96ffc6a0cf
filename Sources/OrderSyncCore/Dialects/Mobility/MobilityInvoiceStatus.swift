import FoundationEssentials
import PlatformSupport

/// mobility's `invoice_status` text → the canonical payment state. The doc shows `New`; the
/// product also uses the other values below. Matching ignores case and surrounding blanks.
enum MobilityInvoiceStatus {
    static let table: [String: PaymentState] = [
        "new": .open, "draft": .open, "sent": .open, "issued": .open, "unpaid": .open, "overdue": .open,
        "partially paid": .open, "partially_paid": .open,
        "paid": .paid,
        "cancelled": .void, "canceled": .void, "void": .void, "voided": .void, "credited": .void,
    ]

    /// The state of an invoice with status `text` and payment date `paidOn`: the table first; a
    /// status it does not know counts as paid when the invoice has a payment date, else unknown.
    static func paymentState(status text: String?, paidOn: String?) -> PaymentState {
        if let text, let state = table[text.trimmingWhitespace().lowercased()] { return state }
        return paidOn == nil ? .unknown : .paid
    }
}

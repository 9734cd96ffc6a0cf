/// The five upstream order APIs the simulator speaks.
///
/// The raw value is also the URL prefix: a dialect's base URL is
/// `http://127.0.0.1:PORT/<rawValue>`.
public enum SimDialect: String, CaseIterable, Sendable, Hashable, Comparable {
    case mobility
    case reseller
    case erp
    case formations
    case lifecycle

    public static func < (lhs: SimDialect, rhs: SimDialect) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

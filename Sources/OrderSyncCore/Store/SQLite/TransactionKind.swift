/// How `Database.inTransaction` begins its transaction.
public enum TransactionKind: Sendable {
    /// `BEGIN DEFERRED`: locks are taken on first read or write. A read
    /// transaction that later writes can fail with SQLITE_BUSY without waiting.
    case deferred
    /// `BEGIN IMMEDIATE`: takes the write lock at once (waiting up to the
    /// busy timeout), so the body never fails half-way for want of the lock.
    case immediate
    /// `BEGIN EXCLUSIVE`: in WAL mode the same as immediate.
    case exclusive

    var beginSQL: String {
        switch self {
        case .deferred: return "BEGIN DEFERRED"
        case .immediate: return "BEGIN IMMEDIATE"
        case .exclusive: return "BEGIN EXCLUSIVE"
        }
    }
}

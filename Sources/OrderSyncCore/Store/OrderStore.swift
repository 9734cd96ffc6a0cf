import FoundationEssentials
import Glibc

/// The canonical database as the rest of the product sees it: the domain's reads and writes
/// (pages and their checkpoints, runs, status, verify's snapshots, deletions, rates), never SQL.
///
/// Two implementations: `SQLiteStore` (a file, the default, and `demo`'s) and `PostgresStore`
/// (a `postgresql://` URI). SQL and every difference between the two dialects live in them,
/// their migrations and their view definitions, and nowhere else; `StoreLocation` picks one
/// from the configured `"database"`.
///
/// The shape is GRDB's `DatabasePool`: one writer owns transactions (`StoreWriter`), and reads
/// (`StoreReader`) are answered by connections of their own where the store has them, so a
/// `status` or a verify read does not queue behind page writes. Each call is atomic on its own:
/// a call whose statements must commit together (a page and its checkpoint) is one method.
public protocol OrderStore: StoreReader, StoreWriter {
    /// Where the data lives, fit for logs and errors: a file path, or a URI without any secret.
    var location: String { get }
    /// Applied to every error and rejection reason before it is stored: the database is read
    /// by people and tools that must never see a credential.
    var redactor: Redactor { get }
    /// Ends the store's connections; idempotent, synchronous (a command closes in a `defer`).
    /// Calls afterwards fail with `StoreError.closed`.
    func close()
}

extension OrderStore {
    /// Stored errors and rejection reasons are cut to this many characters (an upstream's own
    /// text in them is cut to 200 before that).
    public static var storedTextLimit: Int { 1_000 }

    /// `order_status_history.status_raw` of the row that records a deletion upstream (the
    /// canonical `status` column keeps the order's last status).
    public static var deletedUpstreamMarker: String { "(deleted upstream)" }

    /// A rejected record as it may be stored: its reason redacted, one line, bounded.
    func sanitized(_ record: RejectedRecord) -> RejectedRecord {
        var record = record
        record.reason = redactor.sanitized(record.reason, limit: Self.storedTextLimit)
        return record
    }

    /// A deferred record as it may be stored: its reason (often an HTTP error) redacted, bounded.
    func sanitized(_ record: DeferredRecord) -> DeferredRecord {
        var record = record
        record.reason = redactor.sanitized(record.reason, limit: Self.storedTextLimit)
        return record
    }

    /// A run's error as it may be stored.
    func sanitized(error: String?) -> String? {
        error.map { redactor.sanitized($0, limit: Self.storedTextLimit) }
    }

    /// The canonical statuses after which an order no longer changes: one list,
    /// `OrderStatus.isTerminal`, rather than a copy in every query.
    static var terminalStatusNames: [String] { OrderStatus.allCases.filter(\.isTerminal).map(\.rawValue) }

    /// A stored UTC timestamp text as an instant (nil when NULL or unreadable).
    static func instant(_ text: String?) -> Instant? {
        text.flatMap { try? TimestampParser.parse($0, timeZone: .utc) }
    }

    /// Whether `pid` names a live process other than this one (ours cannot own a run yet when
    /// we start: a match is a dead process whose pid was reused for us). Runs record the pid of
    /// the process on this machine; see `docs/postgresql.md` for what that means for a shared
    /// PostgreSQL database.
    static func isAlive(_ pid: Int64?) -> Bool {
        guard let pid, pid > 0, pid != Int64(getpid()), let value = Int32(exactly: pid) else { return false }
        // EPERM: it exists but belongs to another user (systemd's DynamicUser, a root shell).
        return kill(value, 0) == 0 || errno == EPERM
    }
}

/// The values the store's interface speaks in, besides `PageBatch` and `SourceStatus`. They
/// were nested in the SQLite actor; they are the interface's now, and `OrderStore.RunKind`
/// and the like still name them.
extension OrderStore {
    public typealias RunKind = OrderSyncCore.RunKind
    public typealias RunOutcome = OrderSyncCore.RunOutcome
    public typealias StoredSighting = OrderSyncCore.StoredSighting
    public typealias OpenOrder = OrderSyncCore.OpenOrder
    public typealias RateImportSummary = OrderSyncCore.RateImportSummary
    public typealias MonthlyRevenue = OrderSyncCore.MonthlyRevenue
    public typealias RevenueRow = OrderSyncCore.RevenueRow
    public typealias PollRequest = OrderSyncCore.PollRequest
}

/// What a row of `sync_runs` records.
public enum RunKind: String, Sendable {
    case poll
    case backfill
    case verify
    case resync
}

public enum RunOutcome: String, Sendable {
    case ok
    case failed
    case interrupted
}

/// An order as `verify` sees it in the database.
public struct StoredSighting: Sendable, Equatable {
    public var statusRaw: String
    /// The canonical `status` column, as the mapping stored it.
    public var status: String
    public var orderedAt: Instant?
    public var deletedUpstreamAt: Instant?
    public var firstSeenAt: Instant?
}

/// An order the database holds as open.
public struct OpenOrder: Sendable, Equatable {
    public var id: String
    public var orderedAt: Instant?

    public init(id: String, orderedAt: Instant?) {
        self.id = id
        self.orderedAt = orderedAt
    }
}

/// What `importRates` changed.
public struct RateImportSummary: Sendable, Equatable {
    public var added = 0
    public var changed = 0
    public var unchanged = 0
}

/// Revenue of one source in one month, in the reporting currency (`orders_converted`).
public struct MonthlyRevenue: Sendable, Equatable {
    public var month: String
    public var source: String
    public var orders: Int
    /// Exact decimal text; nil when no order of the month could be converted.
    public var revenue: String?
    public var currency: String?
    /// Orders with an amount but no rate to convert it (see `conversion_note`).
    public var unconverted: Int
}

/// Totals of one source in one currency (`revenueSummary`).
public struct RevenueRow: Sendable, Equatable {
    public var source: String
    public var currency: String
    /// Every order the upstream still has, and their lines.
    public var orders: Int
    public var lines: Int
    /// The orders whose status counts as revenue (`orders_enriched.counts_as_revenue`) and
    /// the sum of their gross; the others (draft, pending, cancelled…) are left out of it.
    public var revenueOrders: Int
    public var grossMinor: Int64
}

/// One request as the asker follows it.
public struct PollRequest: Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var takenAt: Instant?
    public var takenByPID: Int64?
    public var finishedAt: Instant?
    public var runID: Int64?
    /// `ok`, `failed` or `interrupted` once the poll that answered it ended.
    public var outcome: String?
}

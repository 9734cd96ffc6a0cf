/// The reads of the store: what the engine, verify, `status`, `/metrics` and `demo` ask.
///
/// Each call reads one consistent snapshot. An implementation answers them on connections of
/// its own where it can, so they never wait behind the writer's transactions.
public protocol StoreReader: AnyObject, Sendable {
    /// The stored checkpoint of a stream, if any.
    func checkpoint(source: String, stream: String) async throws -> String?
    /// The source's stored cursors, by stream (`reset`).
    func cursors(source: String) async throws -> [(stream: String, cursor: String?)]
    /// The fingerprints of the list items the given orders were last stored from.
    func listDigests(source: String, orderIDs: [String]) async throws -> [String: String]
    /// The status of `source`, from the tables alone (nothing upstream is asked).
    func status(of source: String) async throws -> SourceStatus
    /// The raw statuses of the source's orders that map to `unknown`, sorted.
    func unknownRawStatuses(source: String) async throws -> [String]
    /// Every source the database has seen, configured or not any more.
    func knownSources() async throws -> [String]
    /// The source's deferred records, oldest first.
    func deferredRecords(source: String) async throws -> [DeferredRecord]
    /// The source's open runs of `kind` whose process is alive, newest first.
    func runningRuns(source: String, kind: RunKind) async throws -> [(runID: Int64, startedAt: String, pid: Int64)]
    /// When the source's last run of `kind` started, if it ever ran.
    func lastRunStart(source: String, kind: RunKind) async throws -> Instant?
    /// Whether a live process (the daemon, a backfill) has a run of the source open.
    func hasLiveRun(source: String) async throws -> Bool
    /// Every stored order of the source, by id (`verify`).
    func sightings(source: String) async throws -> [String: StoredSighting]
    /// The stored raw status, raw record and order time of the given orders (`resync`).
    /// Absent ids are not stored.
    func snapshots(source: String, orderIDs: [String]) async throws -> [String: (statusRaw: String, raw: String, orderedAt: Instant?)]
    /// The earliest `ordered_at` stored for the source.
    func earliestOrderedAt(source: String) async throws -> Instant?
    /// Ids of the source's orders placed in `[from, to)`, sorted.
    func orderIDs(source: String, orderedFrom from: Instant, to: Instant) async throws -> [String]
    /// Ids of the source's orders placed at or after `orderedSince`, plus, with `includeOpen`,
    /// every order not in a terminal status. Sorted for a stable request order.
    func orderIDs(source: String, orderedSince: Instant, includeOpen: Bool) async throws -> [String]
    /// The source's orders not in a terminal status (`unknown` counts as open), and with
    /// `includeUnpaid` every order stored as unpaid too.
    func openOrders(source: String, includeUnpaid: Bool) async throws -> [OpenOrder]
    /// What the health rule needs of the source's polls (verify, resync, backfill not counted).
    func pollHistory(source: String) async throws -> HealthRule.PollHistory
    /// A poll request as it stands now; nil when there is no such id.
    func pollRequest(_ id: Int64) async throws -> PollRequest?
    /// Totals per source and currency (`demo`, an operator's sanity check).
    func revenueSummary() async throws -> [RevenueRow]
    /// Revenue per month and source in the reporting currency, the latest `months` months
    /// (`orders_converted`; the first query of `docs/reporting.md`).
    func monthlyRevenue(lastMonths months: Int) async throws -> [MonthlyRevenue]
}

extension StoreReader {
    public func openOrders(source: String) async throws -> [OpenOrder] {
        try await openOrders(source: source, includeUnpaid: false)
    }
}

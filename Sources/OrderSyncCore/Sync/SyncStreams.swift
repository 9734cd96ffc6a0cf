import FoundationEssentials

/// The bounds of one date-filtered request, as a half-open interval `[from, to)` of instants.
/// Dialects whose filters take whole, inclusive dates read `firstDay` and `lastDay`.
public struct WindowBounds: Sendable, Equatable {
    public var from: Instant
    public var to: Instant
    public var timeZone: ZoneRules

    public init(from: Instant, to: Instant, timeZone: ZoneRules) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
    }

    /// The first calendar day the window touches, in the source's time zone.
    public var firstDay: CivilTime { from.civilTime(in: timeZone) }
    /// The last calendar day the window touches (the day of the last second before `to`).
    public var lastDay: CivilTime { to.adding(seconds: -1).civilTime(in: timeZone) }
}

/// Strategy 1: a server-side date filter. Polls read from the cursor minus the lookback up to the
/// time the poll started; backfills walk `[since, until]` in slices. Checkpointed per page.
public struct DateWindowStream: Sendable {
    public enum Granularity: Sendable {
        /// The filter takes dates: windows are widened to whole days.
        case day
        case second
    }

    public var name: String
    public var granularity: Granularity
    public var query: @Sendable (WindowBounds) -> [URLQueryItem]

    public init(name: String = "orders", granularity: Granularity, query: @escaping @Sendable (WindowBounds) -> [URLQueryItem]) {
        self.name = name
        self.granularity = granularity
        self.query = query
    }
}

/// Strategy 2: no filter, a sort on a change timestamp, newest first. A scan stops once a whole
/// page is older than the cursor minus the lookback; the cursor moves only when a scan completes.
public struct DescendingScanStream: Sendable {
    public var name: String
    /// The sort parameters, e.g. `order=status_updated_at&order_direction=desc`.
    public var query: [URLQueryItem]
    /// The change timestamp of a list item.
    public var timestamp: @Sendable (JSONObject) -> Instant?

    public init(name: String = "orders", query: [URLQueryItem], timestamp: @escaping @Sendable (JSONObject) -> Instant?) {
        self.name = name
        self.query = query
        self.timestamp = timestamp
    }
}

/// Strategy 3: re-read every order not yet in a terminal status, through list filters
/// (one query per filter the upstream accepts), because those orders can still change.
///
/// A filter on "open" cannot show an order that has just left the open set (validated →
/// delivered). `leavers` says how the orders the database holds as open, but the open lists no
/// longer contain, are read again.
public struct OpenOrderRefreshStream: Sendable {
    public enum LeaverRecheck: Sendable {
        /// Not at all (another stream sees those changes).
        case none
        /// One detail request per leaver (the dialect's `detail` holds a whole order).
        case detail
        /// List queries that show the leavers (e.g. one `q=id:…` each, or terminal statuses
        /// since the oldest leaver's date); every record they return is processed.
        case listQueries(@Sendable (_ leavers: [KnownOrder]) -> [[URLQueryItem]])
    }

    public var name: String
    public var queries: [[URLQueryItem]]
    public var leavers: LeaverRecheck
    /// Whether an unpaid order counts as open whatever its status (a delivered order can still
    /// be paid), so that the leaver recheck also covers orders stored unpaid.
    public var openIncludesUnpaid: Bool
    /// List queries for the raw statuses the mapping does not know (stored as `unknown`, which
    /// counts as open): without them, those orders would be leavers, re-read one way or another
    /// on every poll. Given the raw values currently stored as unknown.
    public var unknownStatusQueries: (@Sendable (_ rawStatuses: [String]) -> [[URLQueryItem]])?

    public init(
        name: String = "open_orders", queries: [[URLQueryItem]], leavers: LeaverRecheck, openIncludesUnpaid: Bool = false,
        unknownStatusQueries: (@Sendable (_ rawStatuses: [String]) -> [[URLQueryItem]])? = nil
    ) {
        self.name = name
        self.queries = queries
        self.leavers = leavers
        self.openIncludesUnpaid = openIncludesUnpaid
        self.unknownStatusQueries = unknownStatusQueries
    }
}

/// A per-order child list the order list never reflects (invoices that can appear without the
/// order changing): swept for a chosen set of parent orders, on its own interval, because each
/// pass costs one request (or more) per parent.
public struct ChildSweepStream: Sendable {
    public var name: String
    /// The least time between two sweeps; polls in between skip this stream.
    public var intervalSeconds: Int
    /// Parents: orders placed within this many days of the sweep…
    public var recentDays: Int
    /// …plus every order still open, whatever its age.
    public var includeOpen: Bool
    /// The child list of one parent order (its pagination and where its records sit).
    public var endpoint: @Sendable (_ orderID: String) -> ListEndpoint
    /// The filters of one sweep; `since` is the previous sweep's start minus the lookback, nil
    /// on the first sweep. Each query is paged through separately.
    public var queries: @Sendable (_ since: Instant?) -> [[URLQueryItem]]

    public init(
        name: String, intervalSeconds: Int, recentDays: Int, includeOpen: Bool,
        endpoint: @escaping @Sendable (_ orderID: String) -> ListEndpoint,
        queries: @escaping @Sendable (_ since: Instant?) -> [[URLQueryItem]]
    ) {
        self.name = name
        self.intervalSeconds = intervalSeconds
        self.recentDays = recentDays
        self.includeOpen = includeOpen
        self.endpoint = endpoint
        self.queries = queries
    }
}

/// One stream a poll runs.
public enum PollStream: Sendable {
    case dateWindow(DateWindowStream)
    case descendingScan(DescendingScanStream)
    case openOrders(OpenOrderRefreshStream)
    case childSweep(ChildSweepStream)

    public var name: String {
        switch self {
        case .dateWindow(let stream): stream.name
        case .descendingScan(let stream): stream.name
        case .openOrders(let stream): stream.name
        case .childSweep(let stream): stream.name
        }
    }
}

/// How a backfill walks history.
public enum BackfillPlan: Sendable {
    case dateWindow(DateWindowStream)
    case descendingScan(DescendingScanStream)
}

import Foundation

/// The bounds of one date-filtered request, as a half-open interval `[from, to)` of instants.
/// Dialects whose filters take whole, inclusive dates read `firstDay` and `lastDay`.
public struct WindowBounds: Sendable, Equatable {
    public var from: Instant
    public var to: Instant
    public var timeZone: TimeZone

    public init(from: Instant, to: Instant, timeZone: TimeZone) {
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
public struct OpenOrderRefreshStream: Sendable {
    public var name: String
    public var queries: [[URLQueryItem]]

    public init(name: String = "open_orders", queries: [[URLQueryItem]]) {
        self.name = name
        self.queries = queries
    }
}

/// One stream a poll runs.
public enum PollStream: Sendable {
    case dateWindow(DateWindowStream)
    case descendingScan(DescendingScanStream)
    case openOrders(OpenOrderRefreshStream)

    public var name: String {
        switch self {
        case .dateWindow(let stream): stream.name
        case .descendingScan(let stream): stream.name
        case .openOrders(let stream): stream.name
        }
    }
}

/// How a backfill walks history.
public enum BackfillPlan: Sendable {
    case dateWindow(DateWindowStream)
    case descendingScan(DescendingScanStream)
}

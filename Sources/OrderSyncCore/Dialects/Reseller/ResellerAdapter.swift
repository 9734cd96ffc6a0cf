import FoundationEssentials

/// `reseller` (`docs/dialects/reseller.md`): a session token from `POST /api/v1/authenticate`,
/// the list as a bare JSON array with its pagination in `X-page`/`X-pages`/`X-count` headers,
/// a `q` filter grammar on `id`, `submit_date`, `status` and `paid`, and the lines in every list
/// item, so no detail request. There is no `updated_at`.
///
/// Incremental strategy: a date window on `submit_date` (new orders, with the lookback), plus a
/// refresh of the orders the contract calls open (status below 3, or unpaid) because status and
/// payment changes never move `submit_date`; orders that left the open set are read by id.
public struct ResellerAdapter: DialectAdapter {
    public static let name = "reseller"
    public static var optionDeclarations: [DialectOption] { ResellerOptions.declarations }
    public static let authKind = DialectRequirements.AuthKind.usernamePassword

    static let documentedStatuses: [String: OrderStatus] = [
        "EDITING": .draft, "SUBMITTED": .confirmed, "SHIPPED": .shipped, "DELIVERED": .completed, "CANCELED": .cancelled,
    ]
    /// The first status code that is closed (DELIVERED); below it an order is open.
    static let firstClosedStatus = 3

    let statuses: StatusMapping
    public var statusMapping: StatusMapping? { statuses }
    let timeZone: ZoneRules
    let currencyFallback: String?
    let pageSize: Int
    let options: ResellerOptions

    public init(source: SourceConfiguration) throws(ConfigError) {
        pageSize = Self.pageSize(source, default: 100)
        statuses = StatusMapping(defaults: Self.documentedStatuses, overrides: source.statusMap)
        timeZone = source.timezone
        currencyFallback = source.currency
        options = ResellerOptions(try Self.optionValues(source))
    }

    public var list: ListEndpoint {
        ListEndpoint(
            path: "/api/v1/orders",
            // Oldest first (ties by id): orders submitted while we page land behind us.
            query: [URLQueryItem(name: "sort", value: "+submit_date,+id")],
            pagination: Pagination(pageSize: pageSize, end: .totalPagesInHeader("X-pages")),
            recordsPath: [])
    }

    private var submitDateWindow: DateWindowStream {
        DateWindowStream(granularity: .second) { bounds in
            [ResellerQuery.submitDate(.greaterOrEqual, bounds.from).and(.submitDate(.less, bounds.to)).item]
        }
    }

    /// The contract's open set as two disjoint filters (open = status < 3, or unpaid), so no
    /// order is listed twice in one refresh.
    static let openQueries: [[URLQueryItem]] = [
        [ResellerQuery.status(.less, firstClosedStatus).item],
        [ResellerQuery.status(.greaterOrEqual, firstClosedStatus).and(.paid(.equal, false)).item],
    ]

    public var pollStreams: [PollStream] {
        [.dateWindow(submitDateWindow),
         // "Open" here is below DELIVERED or unpaid: a delivered order stored unpaid is rechecked too.
         .openOrders(OpenOrderRefreshStream(queries: Self.openQueries, leavers: .listQueries { [options] leavers in
             Self.leaverQueries(leavers, recheck: options.leaverRecheck)
         }, openIncludesUnpaid: true))]
    }

    /// Submit-date windows, plus the open queries for drafts (no submit date yet); the raw status
    /// is the status object's `name`; a known order is found by `q=id:…`.
    public var verification: VerifyPlan {
        VerifyPlan(listing: backfill, extraQueries: Self.openQueries,
                   status: { item, _ in item["status"]?["name"]?.scalarText },
                   lookup: .listQueries { leavers in Self.leaverQueries(leavers, recheck: .byID) })
    }

    public var backfill: BackfillPlan { .dateWindow(submitDateWindow) }

    /// The list queries that show `leavers` again: stored open, missing from both open filters,
    /// so now closed and paid (or gone upstream).
    static func leaverQueries(_ leavers: [KnownOrder], recheck: ResellerOptions.LeaverRecheck) -> [[URLQueryItem]] {
        var byID = leavers
        var queries: [[URLQueryItem]] = []
        if recheck == .submittedSince, let oldest = leavers.compactMap(\.orderedAt).min() {
            queries.append([ResellerQuery.submitDate(.greaterOrEqual, oldest)
                .and(.status(.greaterOrEqual, firstClosedStatus)).and(.paid(.equal, true)).item])
            byID = leavers.filter { $0.orderedAt == nil }
        }
        // Stored ids went through the mapping, which accepts integers only.
        return queries + byID.compactMap { Int64($0.id) }.map { [ResellerQuery.id(.equal, $0).item] }
    }

    /// The id as the mapping stores it (an integer written back out), so `"004711"` and `4711`
    /// are one order; a non-integer id has no identity and is rejected.
    public func identity(of item: JSONObject) -> String? {
        item["id"]?.identityText.flatMap { Int64($0) }.map(String.init)
    }

    public func makeAuthorizer(source: SourceConfiguration) -> any Authorizer {
        ResellerAuthorizer(
            username: source.auth.username ?? Secret(""), password: source.auth.password ?? Secret(""),
            refreshFraction: options.tokenRefreshFraction)
    }
}

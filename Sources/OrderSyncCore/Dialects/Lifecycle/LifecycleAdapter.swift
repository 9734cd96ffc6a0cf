import FoundationEssentials

/// `lifecycle` (`docs/dialects/lifecycle.md`): a `{"success", "data", "pagination"}` envelope,
/// a `created_at` date filter, `updated_at` on every order and a sort on it; lines (`items`)
/// and billing only in `GET /api/orders/{id}`.
///
/// Incremental strategy: a scan sorted on `updated_at` descending sees new orders and every
/// change (including completed → refunded) in one stream; backfills use the `created_at` filter.
public struct LifecycleAdapter: DialectAdapter {
    public static let name = "lifecycle"

    static let documentedStatuses: [String: OrderStatus] = [
        "pending": .pending, "processing": .inProgress, "confirmed": .confirmed, "in_progress": .inProgress,
        "completed": .completed, "cancelled": .cancelled, "refunded": .refunded, "on_hold": .onHold,
    ]

    static let currencyBySymbol = ["€": "EUR", "$": "USD", "£": "GBP"]

    let statuses: StatusMapping
    public var statusMapping: StatusMapping? { statuses }
    let timeZone: ZoneRules
    let currencyOverride: String?
    let pageSize: Int

    public init(source: SourceConfiguration) throws(ConfigError) {
        pageSize = Self.pageSize(source, default: 100)
        statuses = StatusMapping(defaults: Self.documentedStatuses, overrides: source.statusMap)
        timeZone = source.timezone
        currencyOverride = source.currency
    }

    public var list: ListEndpoint {
        ListEndpoint(
            path: "/api/orders/list",
            pagination: Pagination(pageSize: pageSize, end: .totalPagesInBody(["pagination", "last_page"])),
            recordsPath: ["data"])
    }

    public var pollStreams: [PollStream] {
        [.descendingScan(DescendingScanStream(
            query: [URLQueryItem(name: "order_by", value: "updated_at"), URLQueryItem(name: "order_direction", value: "desc")],
            timestamp: { [timeZone] item in
                item["updated_at"]?.stringValue.flatMap { try? TimestampParser.parse($0, timeZone: timeZone) }
            }))]
    }

    public var backfill: BackfillPlan {
        .dateWindow(DateWindowStream(granularity: .day) { bounds in
            [URLQueryItem(name: "date_from", value: bounds.firstDay.dateText),
             URLQueryItem(name: "date_to", value: bounds.lastDay.dateText),
             URLQueryItem(name: "order_by", value: "id"),
             URLQueryItem(name: "order_direction", value: "asc")]
        })
    }

    /// The backfill's creation-date windows show every order; the list carries `status`; the
    /// detail request finds one by id.
    public var verification: VerifyPlan {
        VerifyPlan(listing: backfill, status: VerifyPlan.statusField("status"), lookup: .detail)
    }

    public var detail: DetailFetch? {
        DetailFetch(path: { "/api/orders/\($0)" }, recordPath: ["data"])
    }

    public func identity(of item: JSONObject) -> String? {
        item["id"]?.identityText
    }

    public func checkEnvelope(_ body: JSONValue) throws(UpstreamError) {
        if body["success"] == .bool(false) {
            throw UpstreamError(body["message"]?.stringValue ?? "success: false without a message")
        }
    }
}

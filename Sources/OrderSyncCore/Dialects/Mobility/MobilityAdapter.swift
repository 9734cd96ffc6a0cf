import FoundationEssentials

/// `mobility` (`docs/dialects/mobility.md`): a `{"success", "result": {"items", "current_page",
/// "last_page", "total"}}` envelope, no date filter but a sort on `status_updated_at`; lines
/// (`details`) and `billing` only in `GET /v2.3/orders/{id}`; statuses as a table of their own;
/// invoices on a per-order endpoint whose additions never touch the order.
///
/// Incremental strategy: a scan sorted on `status_updated_at` descending sees new orders and
/// every order change; an invoice sweep over recent and open orders, on its own interval, sees
/// the invoices. Backfills scan `created_at` descending. See `docs/dialects/mobility.md`.
public struct MobilityAdapter: DialectAdapter {
    public static let name = "mobility"
    public static var optionDeclarations: [DialectOption] { MobilityOptions.declarations }
    static let ordersPath = "/v2.3/orders"

    /// Keyed by the status *text* of the statuses table (`docs/dialects/mobility.md`).
    static let documentedStatuses: [String: OrderStatus] = [
        "New": .pending, "In Progress": .inProgress, "Completed": .completed, "Cancelled": .cancelled,
    ]

    let statuses: StatusMapping
    public var statusMapping: StatusMapping? { statuses }
    let timeZone: ZoneRules
    /// The source's `currency`: used only for a record that carries no `currency_code`.
    let fallbackCurrency: String?
    let pageSize: Int
    let options: MobilityOptions

    public init(source: SourceConfiguration) throws(ConfigError) {
        pageSize = Self.pageSize(source, default: 100)
        statuses = StatusMapping(defaults: Self.documentedStatuses, overrides: source.statusMap)
        timeZone = source.timezone
        fallbackCurrency = source.currency
        options = MobilityOptions(try Self.optionValues(source))
    }

    /// Page-numbered, with the number of pages in `result.last_page`: the list and the invoices alike.
    private func endpoint(_ path: String, query: [URLQueryItem] = []) -> ListEndpoint {
        ListEndpoint(
            path: path, query: query,
            pagination: Pagination(pageSize: pageSize, end: .totalPagesInBody(["result", "last_page"])),
            recordsPath: ["result", "items"])
    }

    public var list: ListEndpoint { endpoint(Self.ordersPath) }

    /// Newest change first; the stop rule reads `status_updated_at`.
    var changeScan: DescendingScanStream {
        DescendingScanStream(
            query: [URLQueryItem(name: "order", value: "status_updated_at"), URLQueryItem(name: "order_direction", value: "desc")],
            timestamp: { [timeZone] item in Self.timestamp(item["status_updated_at"], timeZone) })
    }

    /// Invoices of recent and open orders; the first sweep reads them whole, later ones ask for
    /// what was issued (and, by default, paid) since the previous sweep minus the lookback.
    var invoiceSweep: ChildSweepStream {
        ChildSweepStream(
            name: "invoices", intervalSeconds: options.invoiceSweepIntervalSeconds, recentDays: options.invoiceWindowDays,
            includeOpen: true,
            endpoint: { [self] orderID in endpoint("\(Self.ordersPath)/\(orderID)/invoices") },
            queries: { [timeZone, options] since in Self.invoiceQueries(since: since, timeZone: timeZone, payments: options.invoicePaymentSweep) })
    }

    static func invoiceQueries(since: Instant?, timeZone: ZoneRules, payments: Bool) -> [[URLQueryItem]] {
        guard let since else { return [[]] }
        // The filters take dates, inclusive: the whole day `since` falls on, in the source's zone.
        let day = since.dateText(in: timeZone)
        var queries = [[URLQueryItem(name: "invoice_issue_start_date", value: day)]]
        if payments { queries.append([URLQueryItem(name: "invoice_payment_start_date", value: day)]) }
        return queries
    }

    public var pollStreams: [PollStream] {
        [.descendingScan(changeScan), .childSweep(invoiceSweep)]
    }

    /// There is no `placed_on` sort. `created_at` is the closest key that never changes: the list
    /// order holds still while a long backfill pages through it, and an order is created shortly
    /// before it is placed. The stop rule reads `created_at` plus `backfill_margin_hours`, so
    /// orders created up to that long before `--since` (and placed after it) are still read.
    public var backfill: BackfillPlan {
        let margin = Int64(options.backfillMarginHours) * 3_600
        return .descendingScan(DescendingScanStream(
            name: "backfill",
            query: [URLQueryItem(name: "order", value: "created_at"), URLQueryItem(name: "order_direction", value: "desc")],
            timestamp: { [timeZone] item in Self.timestamp(item["created_at"], timeZone)?.adding(seconds: margin) }))
    }

    /// A full newest-first scan by `created_at` shows every order; the status text comes from the
    /// statuses table as in the mapping; the detail request finds one by id.
    public var verification: VerifyPlan {
        VerifyPlan(listing: backfill, status: { [self] item, context in listStatus(item, context: context) }, lookup: .detail)
    }

    public var detail: DetailFetch? {
        DetailFetch(path: { "\(Self.ordersPath)/\($0)" }, recordPath: ["result"])
    }

    public var references: [ReferenceRequest] {
        [ReferenceRequest(name: MobilityStatusTable.referenceName, path: MobilityStatusTable.path)]
    }

    public func identity(of item: JSONObject) -> String? {
        item["id"]?.identityText
    }

    /// A 200 with `success: false` is a failure; the provider's `message` says what failed.
    public func checkEnvelope(_ body: JSONValue) throws(UpstreamError) {
        guard body["success"] == .bool(false) else { return }
        let message = body["message"]?.stringValue ?? body["error"]?.stringValue
        throw UpstreamError(message.flatMap { $0.isEmpty ? nil : $0 } ?? "success: false without a message")
    }

    /// A list item's wall-clock timestamp (`2026-04-30 12:00:00`); nil when absent or unreadable
    /// (the scan then treats the item as new: better read than skipped).
    static func timestamp(_ value: JSONValue?, _ timeZone: ZoneRules) -> Instant? {
        value?.stringValue.flatMap { try? TimestampParser.parse($0, timeZone: timeZone) }
    }
}

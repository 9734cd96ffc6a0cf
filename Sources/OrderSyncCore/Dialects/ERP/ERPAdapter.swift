import FoundationEssentials

/// `erp` (`docs/dialects/erp.md`): page-numbered list with totals in the body, a `date_order`
/// filter, no `updated_at` and no lines in the list, so a detail request per new or changed order.
///
/// Incremental strategy: a date window on `date_order` (new orders, with the lookback), plus a
/// refresh of open orders by status filter, because changes to an order never move its date.
public struct ERPAdapter: DialectAdapter {
    public static let name = "erp"
    static let maximumPageSize = 200

    static let documentedStatuses: [String: OrderStatus] = [
        "draft": .draft, "validated": .confirmed, "in_progress": .inProgress,
        "delivered": .completed, "cancelled": .cancelled,
    ]

    let statuses: StatusMapping
    public var statusMapping: StatusMapping? { statuses }
    let timeZone: ZoneRules
    let currency: String
    let pageSize: Int

    public init(source: SourceConfiguration) throws(ConfigError) {
        pageSize = Self.pageSize(source, default: 100)
        guard pageSize <= Self.maximumPageSize else {
            throw ConfigError(path: "page_size",
                              message: "erp answers 400 above \(Self.maximumPageSize) per page, got \(pageSize)")
        }
        statuses = StatusMapping(defaults: Self.documentedStatuses, overrides: source.statusMap)
        timeZone = source.timezone
        currency = source.currency ?? "EUR"
    }

    public var list: ListEndpoint {
        ListEndpoint(
            path: "/obapi/v1/orders",
            // By reference, ascending: unique (a date sort ties every order of a day, and the
            // upstream's tie order could shift pages under us) and new orders land behind us.
            query: [URLQueryItem(name: "sort", value: "ref_asc")],
            pagination: Pagination(pageSize: pageSize, end: .totalPagesInBody(["pagination", "total_pages"])),
            recordsPath: ["items"])
    }

    private var orderDateWindow: DateWindowStream {
        DateWindowStream(granularity: .day) { bounds in
            [URLQueryItem(name: "date_start", value: bounds.firstDay.dateText),
             URLQueryItem(name: "date_end", value: bounds.lastDay.dateText)]
        }
    }

    public var pollStreams: [PollStream] {
        [.dateWindow(orderDateWindow),
         .openOrders(OpenOrderRefreshStream(
            queries: statuses.openRawValues.map { [URLQueryItem(name: "status", value: $0)] }, leavers: .detail,
            unknownStatusQueries: { raws in raws.map { [URLQueryItem(name: "status", value: $0)] } }))]
    }

    public var backfill: BackfillPlan { .dateWindow(orderDateWindow) }

    /// The backfill's date windows show every order; the list carries `status`; the detail
    /// request finds one by id.
    public var verification: VerifyPlan {
        VerifyPlan(listing: backfill, status: VerifyPlan.statusField("status"), lookup: .detail)
    }

    public var detail: DetailFetch? {
        DetailFetch(path: { "/obapi/v1/orders/\($0)" }, recordPath: ["order"])
    }

    public func identity(of item: JSONObject) -> String? {
        item["id"]?.identityText
    }
}

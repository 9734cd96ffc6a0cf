import FoundationEssentials

/// `formations` (`docs/dialects/formations.md`): `GET /orders` answers a bare JSON array, paged by
/// `page[number]` at a page size the server fixes; filters on the creation day, the invoice day
/// and a CSV of numeric status codes; lines from `GET /orders/{id}/orderlines`. Status codes have
/// no published meaning: they come from the source's `status_map` alone.
///
/// Incremental strategy: a creation-day window (new orders), an invoice-day window (orders
/// invoiced since the last poll), and a re-read of the orders whose code the status map calls
/// open; orders that left that set are found again by their creation day, since there is no
/// single-order request. See `docs/dialects/formations.md`.
public struct FormationsAdapter: DialectAdapter {
    public static let name = "formations"
    public static var optionDeclarations: [DialectOption] { FormationsOptions.declarations }
    public static var ignoredSettings: [IgnoredSetting] { FormationsOptions.ignoredSettings }
    /// The server's page size, unless the source says its server uses another.
    static let defaultPageSize = 50

    let statuses: StatusMapping
    public var statusMapping: StatusMapping? { statuses }
    let timeZone: ZoneRules
    let currency: String
    let pageSize: Int
    let queries: FormationsQueries

    public init(source: SourceConfiguration) throws(ConfigError) {
        // The provider publishes no code table: no defaults, the status map is the whole mapping.
        for code in source.statusMap.keys.sorted() where Int(code) == nil {
            throw ConfigError(path: ConfigFields.join("status_map", freeKey: code),
                              message: "formations status codes are numbers (e.g. \"700\"), got \(JSONValue.string(code).serialized)")
        }
        statuses = StatusMapping(defaults: [:], overrides: source.statusMap)
        timeZone = source.timezone
        currency = source.currency ?? "GBP"
        pageSize = Self.pageSize(source, default: Self.defaultPageSize)
        queries = FormationsQueries(prefix: FormationsOptions(try Self.optionValues(source)).filterParameter)
    }

    public var list: ListEndpoint {
        // The page size cannot be asked for; `page_size` must be the server's, or a full page
        // would be taken for the last one.
        ListEndpoint(
            path: "/orders",
            pagination: Pagination(pageParameter: "page[number]", pageSizeParameter: nil, pageSize: pageSize, end: .shortPage),
            recordsPath: [])
    }

    var createdWindow: DateWindowStream {
        DateWindowStream(name: "orders", granularity: .day) { [queries] in queries.created($0) }
    }

    var invoicedWindow: DateWindowStream {
        DateWindowStream(name: "invoiced", granularity: .day) { [queries] in queries.invoiced($0) }
    }

    var openRefresh: OpenOrderRefreshStream {
        let open = statuses.openRawValues
        return OpenOrderRefreshStream(
            queries: open.isEmpty ? [] : [queries.statuses(open)],
            leavers: .listQueries { [queries, timeZone] leavers in queries.leaverQueries(leavers, timeZone: timeZone) },
            // Codes outside `status_map` are open as far as we know: list them with the open ones.
            unknownStatusQueries: { [queries] codes in
                let numeric = codes.filter { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
                return numeric.isEmpty ? [] : [queries.statuses(numeric)]
            })
    }

    public var pollStreams: [PollStream] {
        [.dateWindow(createdWindow), .dateWindow(invoicedWindow), .openOrders(openRefresh)]
    }

    public var backfill: BackfillPlan { .dateWindow(createdWindow) }

    /// The creation-day windows show every order; the list carries the numeric `status` code;
    /// a known order is found again by its creation day (there is no single-order request).
    public var verification: VerifyPlan {
        VerifyPlan(listing: backfill, status: VerifyPlan.statusField("status"),
                   lookup: .listQueries { [queries, timeZone] orders in queries.leaverQueries(orders, timeZone: timeZone) })
    }

    /// The lines are a bare array: they are embedded in the list item as `orderlines`.
    public var detail: DetailFetch? {
        DetailFetch(path: { "/orders/\($0)/orderlines" }, embedUnder: "orderlines")
    }

    public func identity(of item: JSONObject) -> String? {
        item["id"]?.identityText
    }
}

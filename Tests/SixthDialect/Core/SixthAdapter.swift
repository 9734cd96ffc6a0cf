import FoundationEssentials
import OrderSyncCore

/// `sixth`, a test-only dialect (`docs/dialects/sixth.md`): cursor-token pages
/// (`limit`, `cursor`, the next token in the body's `next_cursor`), lines inside every list item
/// (no detail request), and a static API key in `X-Api-Key`, an auth kind none of the five uses.
///
/// Incremental strategy: a scan sorted on `updated_at` descending sees new orders and every
/// change in one stream; backfills use the `created_from`/`created_to` day filter, by id.
public struct SixthAdapter: DialectAdapter {
    public static let name = "sixth"
    public static let authKind = DialectRequirements.AuthKind.apiKey(header: "X-Api-Key")
    static let maximumPageSize = 100

    static let documentedStatuses: [String: OrderStatus] = [
        "open": .pending, "paid": .confirmed, "fulfilled": .completed, "cancelled": .cancelled, "refunded": .refunded,
    ]

    let statuses: StatusMapping
    let timeZone: ZoneRules
    let pageSize: Int

    public init(source: SourceConfiguration) throws(ConfigError) {
        pageSize = Self.pageSize(source, default: 50)
        guard pageSize <= Self.maximumPageSize else {
            throw ConfigError(path: "page_size",
                              message: "sixth answers 400 above \(Self.maximumPageSize) per page, got \(pageSize)")
        }
        statuses = StatusMapping(defaults: Self.documentedStatuses, overrides: source.statusMap)
        timeZone = source.timezone
    }

    public var list: ListEndpoint {
        ListEndpoint(
            path: "/v1/orders",
            pagination: Pagination(style: .cursor(parameter: "cursor", next: .body(["next_cursor"])),
                                   pageSizeParameter: "limit", pageSize: pageSize),
            recordsPath: ["orders"])
    }

    public var pollStreams: [PollStream] {
        [.descendingScan(DescendingScanStream(
            query: [URLQueryItem(name: "sort", value: "-updated_at")],
            timestamp: { [timeZone] item in
                item["updated_at"]?.stringValue.flatMap { try? TimestampParser.parse($0, timeZone: timeZone) }
            }))]
    }

    public var backfill: BackfillPlan {
        .dateWindow(DateWindowStream(granularity: .day) { bounds in
            [URLQueryItem(name: "created_from", value: bounds.firstDay.dateText),
             URLQueryItem(name: "created_to", value: bounds.lastDay.dateText),
             URLQueryItem(name: "sort", value: "id")]
        })
    }

    /// The backfill's creation-date windows show every order; the list carries `status`; known
    /// orders are looked up by `ids`, a page's worth at a time.
    public var verification: VerifyPlan {
        VerifyPlan(listing: backfill, status: VerifyPlan.statusField("status"), lookup: .listQueries { [pageSize] leavers in
            stride(from: 0, to: leavers.count, by: pageSize).map { start in
                let ids = leavers[start..<min(start + pageSize, leavers.count)].map(\.id).joined(separator: ",")
                return [URLQueryItem(name: "ids", value: ids), URLQueryItem(name: "sort", value: "id")]
            }
        })
    }

    public func identity(of item: JSONObject) -> String? {
        item["id"]?.identityText
    }
}

import FoundationEssentials

/// How `ordersync verify` reads what an upstream holds *now*, from list pages alone: which walk
/// shows every order, how to read an item's raw status, and how to look up a known order by id
/// (to confirm that one the lists no longer show is really gone, and to re-read given orders).
public struct VerifyPlan: Sendable {
    /// The walk over the whole history: date windows from the oldest stored order (or the
    /// source's `start_date`) to now, or a full newest-first scan.
    public var listing: BackfillPlan
    /// List queries for orders the listing cannot show (no date to filter on: drafts).
    public var extraQueries: [[URLQueryItem]]
    /// The raw status of a list item exactly as `orders.status_raw` holds it; nil when the list
    /// does not carry one (only ids are compared then).
    public var status: @Sendable (_ item: JSONObject, _ context: MappingContext) -> String?
    /// How the dialect finds known orders by id; `.none` when it cannot (a listing miss is then
    /// taken as a deletion).
    public var lookup: OpenOrderRefreshStream.LeaverRecheck

    public init(
        listing: BackfillPlan, extraQueries: [[URLQueryItem]] = [],
        status: @escaping @Sendable (_ item: JSONObject, _ context: MappingContext) -> String?,
        lookup: OpenOrderRefreshStream.LeaverRecheck
    ) {
        self.listing = listing
        self.extraQueries = extraQueries
        self.status = status
        self.lookup = lookup
    }

    /// The raw status at `key` of a list item, as text (`"validated"`, `"700"`).
    public static func statusField(_ key: String) -> @Sendable (JSONObject, MappingContext) -> String? {
        { item, _ in item[key]?.scalarText }
    }
}

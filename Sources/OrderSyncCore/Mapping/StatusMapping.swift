/// Upstream status text to canonical status: a dialect's documented table, overridden entry by
/// entry by the source's `status_map`. Anything unmapped is `unknown`; the raw text is kept.
public struct StatusMapping: Sendable {
    public let table: [String: OrderStatus]

    public init(defaults: [String: OrderStatus], overrides: [String: OrderStatus]) {
        table = defaults.merging(overrides) { $1 }
    }

    public func status(for raw: String) -> OrderStatus {
        table[raw] ?? .unknown
    }

    /// The raw values that mean an order can still change, sorted for stable requests.
    public var openRawValues: [String] {
        table.filter { !$0.value.isTerminal && $0.value != .unknown }.keys.sorted()
    }
}

/// The `reporting` block: settings for the SQL reporting views, none needed to sync.
public struct ReportingSettings: Sendable, Equatable {
    /// `reporting.currency`: the ISO 4217 code `orders_converted` converts to; nil: none.
    public var currency: String?

    public init(currency: String? = nil) {
        self.currency = currency
    }
}

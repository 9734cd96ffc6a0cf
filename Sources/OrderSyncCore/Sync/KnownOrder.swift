/// An order the database holds, as the sync mechanisms and adapters see it (e.g. an order
/// stored as open that a refresh reads again). A Sync value: adapters never see Store types.
public struct KnownOrder: Sendable, Equatable {
    public var id: String
    /// When it was placed, as stored; nil when the database has no usable time.
    public var orderedAt: Instant?

    public init(id: String, orderedAt: Instant?) {
        self.id = id
        self.orderedAt = orderedAt
    }
}

/// A record whose detail could not be fetched for a passing reason (the upstream's failure
/// envelope after every retry, an outage on that one request): kept with the list item, and
/// retried first by the next run of its source, until it is stored. Never dropped.
public struct DeferredRecord: Sendable, Equatable {
    public var orderID: String
    public var stream: String
    /// The list item as received (or `{"id": …}` when the order was asked for by id).
    public var item: String
    public var reason: String

    public init(orderID: String, stream: String, item: String, reason: String) {
        self.orderID = orderID
        self.stream = stream
        self.item = item
        self.reason = reason
    }
}

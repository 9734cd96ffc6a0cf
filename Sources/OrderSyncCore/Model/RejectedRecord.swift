/// A record that could not be normalized: kept with the reason, never dropped.
public struct RejectedRecord: Sendable, Equatable {
    public var stream: String
    public var reason: String
    public var raw: String

    public init(stream: String, reason: String, raw: String) {
        self.stream = stream
        self.reason = reason
        self.raw = raw
    }
}

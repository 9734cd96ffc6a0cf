/// A credential read from the configuration. It never prints itself: interpolating it into a
/// log line, an error or `status` output shows a placeholder, so a leak needs an explicit `.reveal`.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The credential itself, for the one place that sends it upstream.
    public var reveal: String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

extension Secret: CustomReflectable {
    /// `dump`, debuggers and test diffs read values through their mirror: show no children.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

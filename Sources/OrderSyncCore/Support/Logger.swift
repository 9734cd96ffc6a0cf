import FoundationEssentials

/// A small structured logger: one line per event, `key=value` metadata sorted by key.
/// Libraries take a logger from their caller (swift-log's practice) instead of making one.
public struct Logger: Sendable {
    public typealias Metadata = [String: String]

    public var label: String
    public var level: LogLevel
    public var metadata: Metadata
    private let sink: LogSink

    public init(label: String, level: LogLevel = .info, metadata: Metadata = [:], sink: LogSink = .standardError) {
        self.label = label
        self.level = level
        self.metadata = metadata
        self.sink = sink
    }

    /// A logger that drops everything (tests, library defaults).
    public static var silent: Logger { Logger(label: "silent", level: .error, sink: .discard) }

    public subscript(metadataKey key: String) -> String? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy.metadata[key] = value
        return copy
    }

    public func log(_ level: LogLevel, _ message: @autoclosure () -> String, _ extra: Metadata = [:]) {
        guard level >= self.level else { return }
        sink.write(level: level, label: label, message: message(), metadata: metadata.merging(extra) { $1 })
    }

    public func trace(_ message: @autoclosure () -> String, _ extra: Metadata = [:]) { log(.trace, message(), extra) }
    public func debug(_ message: @autoclosure () -> String, _ extra: Metadata = [:]) { log(.debug, message(), extra) }
    public func info(_ message: @autoclosure () -> String, _ extra: Metadata = [:]) { log(.info, message(), extra) }
    public func notice(_ message: @autoclosure () -> String, _ extra: Metadata = [:]) { log(.notice, message(), extra) }
    public func warning(_ message: @autoclosure () -> String, _ extra: Metadata = [:]) { log(.warning, message(), extra) }
    public func error(_ message: @autoclosure () -> String, _ extra: Metadata = [:]) { log(.error, message(), extra) }
}

import FoundationEssentials
import Glibc
import PlatformSupport

/// Where log lines go. Under systemd, stderr is the journal: lines then carry a `<N>`
/// priority prefix and no timestamp (journald adds its own). Lines are written whole, one at a
/// time, from any thread.
public struct LogSink: Sendable {
    /// How a line is laid out.
    public enum Format: String, Sendable {
        /// `LEVEL label: message key=value …`.
        case text
        /// One JSON object per line: `time`, `level`, `label`, `message`, then the metadata.
        case json
    }

    private let writeLine: @Sendable (String) -> Void
    private let forJournal: Bool
    public private(set) var format: Format = .text
    /// Serializes writes: concurrent sources must not interleave their lines.
    private let lock = LockedBox(())

    public init(forJournal: Bool, writeLine: @escaping @Sendable (String) -> Void) {
        self.forJournal = forJournal
        self.writeLine = writeLine
    }

    public static let standardError = LogSink(forJournal: stderrIsJournal()) { line in
        // A closed stderr must not crash the daemon (SIGPIPE is ignored): the line is dropped.
        StandardStreams.write(line + "\n", to: STDERR_FILENO)
    }

    public static let discard = LogSink(forJournal: false) { _ in }

    /// Collects lines in memory, for tests that read what an operator would see.
    public static func collecting(into lines: LockedBox<[String]>) -> LogSink {
        LogSink(forJournal: false) { line in lines.withValue { $0.append(line) } }
    }

    /// This sink with every line passed through the redactor `redaction` holds when it is
    /// written: the last line of defence against a secret reaching the log (the box is filled
    /// once the configuration, and so the secrets, are known).
    public func redacting(_ redaction: LockedBox<Redactor>) -> LogSink {
        let inner = writeLine
        var sink = LogSink(forJournal: forJournal) { line in inner(redaction.current.redact(line)) }
        sink.format = format
        return sink
    }

    /// The same destination with lines laid out as `format`.
    public func formatted(_ format: Format) -> LogSink {
        var copy = self
        copy.format = format
        return copy
    }

    func write(level: LogLevel, label: String, message: String, metadata: Logger.Metadata) {
        var line = forJournal ? "<\(level.syslogPriority)>" : ""
        switch format {
        case .text:
            if !forJournal { line += Instant.now().iso8601 + " " }
            line += "\(level.rawValue.uppercased()) \(label): \(escape(message))"
            for key in metadata.keys.sorted() {
                line += " \(key)=\(quoteIfNeeded(escape(metadata[key]!)))"
            }
        case .json:
            var object = JSONObject([
                "time": .string(Self.preciseTime()), "level": .string(level.rawValue), "label": .string(label),
                "message": .string(message),
            ])
            for key in metadata.keys.sorted() where object[key] == nil {
                object[key] = Self.jsonValue(metadata[key]!, key: key)
            }
            // The serializer escapes control characters, so the object stays on one line.
            line += JSONValue.object(object).serialized
        }
        lock.withValue { _ in writeLine(line) }
    }

    /// Metadata values are text (`Logger.Metadata`); in JSON a count, a duration or a flag is
    /// written as the number or boolean it is, so `jq '.requests > 3'` and log pipelines work.
    /// Only a plain decimal literal counts as a number (`4`, `-2`, `0.5`; not `007`, `1e3` or
    /// `4 s`), and identifiers stay strings even when they look like numbers (an order id `12345`).
    static func jsonValue(_ value: String, key: String) -> JSONValue {
        if value == "true" || value == "false" { return .bool(value == "true") }
        guard !identifierKeys.contains(key), !key.hasSuffix("_id"), isPlainNumber(value) else { return .string(value) }
        return .number(value)
    }

    /// Keys whose values are names or identifiers, never quantities.
    private static let identifierKeys: Set<String> = [
        "order", "order_id", "id", "source", "stream", "cursor", "checkpoint", "version", "path", "label", "message",
    ]

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, the JSON number grammar without exponents.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let digits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !digits.isEmpty, digits.count == 1 || digits.first != 0x30 else { return false }
        bytes = bytes.dropFirst(digits.count)
        if bytes.isEmpty { return true }
        guard bytes.first == UInt8(ascii: ".") else { return false }
        let fraction = bytes.dropFirst()
        return !fraction.isEmpty && fraction.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// UTC with milliseconds: log lines are finer-grained than canonical timestamps.
    private static func preciseTime() -> String {
        let now = Date().timeIntervalSince1970
        let seconds = Int64(now.rounded(.down))
        let milliseconds = Int((now - Double(seconds)) * 1000)
        let base = Instant(secondsSinceEpoch: seconds).iso8601.dropLast()
        return base + "." + String.zeroPadded(milliseconds, width: 3) + "Z"
    }

    /// One event is one line: journald splits on newlines.
    private func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
        return text.replacing("\r", with: "\\r").replacing("\n", with: "\\n")
    }

    private func quoteIfNeeded(_ value: String) -> String {
        value.isEmpty || value.contains(" ") || value.contains("=") || value.contains("\"")
            ? "\"" + value.replacing("\"", with: "\\\"") + "\"" : value
    }

    /// systemd sets `JOURNAL_STREAM=dev:ino` for the stream it connected; compare with stderr's.
    private static func stderrIsJournal() -> Bool {
        guard let value = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return value == "\(info.st_dev):\(info.st_ino)"
    }
}

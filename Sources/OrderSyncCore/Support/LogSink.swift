import Foundation

/// Where log lines go. Under systemd, stderr is the journal: lines then carry a `<N>`
/// priority prefix and no timestamp (journald adds its own).
public struct LogSink: Sendable {
    private let writeLine: @Sendable (String) -> Void
    private let forJournal: Bool

    public init(forJournal: Bool, writeLine: @escaping @Sendable (String) -> Void) {
        self.forJournal = forJournal
        self.writeLine = writeLine
    }

    public static let standardError = LogSink(forJournal: stderrIsJournal()) { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
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
        return LogSink(forJournal: forJournal) { line in inner(redaction.current.redact(line)) }
    }

    func write(level: LogLevel, label: String, message: String, metadata: Logger.Metadata) {
        var line = forJournal ? "<\(level.syslogPriority)>" : Instant.now().iso8601 + " "
        line += "\(level.rawValue.uppercased()) \(label): \(escape(message))"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(quoteIfNeeded(escape(metadata[key]!)))"
        }
        writeLine(line)
    }

    /// One event is one line: journald splits on newlines.
    private func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
        return text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    private func quoteIfNeeded(_ value: String) -> String {
        value.isEmpty || value.contains(" ") || value.contains("=") || value.contains("\"")
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value
    }

    /// systemd sets `JOURNAL_STREAM=dev:ino` for the stream it connected; compare with stderr's.
    private static func stderrIsJournal() -> Bool {
        guard let value = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return value == "\(info.st_dev):\(info.st_ino)"
    }
}

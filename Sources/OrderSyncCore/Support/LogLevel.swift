/// How much a log line matters; ordered from chatty to critical.
public enum LogLevel: String, Sendable, CaseIterable, Comparable, LosslessStringConvertible {
    case trace, debug, info, notice, warning, error

    public init?(_ description: String) {
        self.init(rawValue: description.lowercased())
    }

    public var description: String { rawValue }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    /// Severity order (asked on every log call, so no search of `allCases`).
    private var rank: Int {
        switch self {
        case .trace: 0
        case .debug: 1
        case .info: 2
        case .notice: 3
        case .warning: 4
        case .error: 5
        }
    }

    /// The syslog priority journald reads from a `<N>` line prefix.
    var syslogPriority: Int {
        switch self {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        }
    }
}

/// How much a log line matters; ordered from chatty to critical.
public enum LogLevel: String, Sendable, CaseIterable, Comparable, LosslessStringConvertible {
    case trace, debug, info, notice, warning, error

    public init?(_ description: String) {
        self.init(rawValue: description.lowercased())
    }

    public var description: String { rawValue }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
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

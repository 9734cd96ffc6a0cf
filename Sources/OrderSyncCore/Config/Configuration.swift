/// The whole configuration file, validated: loading either yields a value every part of the
/// daemon can trust, or a `ConfigError` naming each problem.
public struct Configuration: Sendable, Equatable {
    /// The log levels `log_level` accepts, least severe first.
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error"]

    /// `database`: the SQLite file, as written in the configuration.
    public let database: String
    /// `database_group_readable`: create the database 0640 instead of 0600, for a reporting group.
    public let databaseGroupReadable: Bool
    /// `log_level`: one of `logLevels`; `info` by default.
    public let logLevel: String
    /// `sources`: at least one, names unique, in file order.
    public let sources: [SourceConfiguration]
    /// `reporting`: settings of the SQL reporting views.
    public let reporting: ReportingSettings
    /// The file this was loaded from; nil when parsed from text.
    public let configPath: String?
    /// What loading found risky but not wrong (a secret file others may read, a setting the
    /// dialect cannot honour), each naming its key path; commands log them once, at warning level.
    public internal(set) var warnings: [String] = []
    /// `log_format`: `text` (default) or `json`, one object per line.
    public let logFormat: String
    /// `metrics.listen`: where `/metrics` and `/healthz` are served; nil (the default) for none.
    public let metrics: MetricsListen?

    /// A configuration built in code, e.g. by tests; loading goes through `ConfigLoader`.
    public init(
        database: String,
        databaseGroupReadable: Bool = false,
        logLevel: String = "info",
        sources: [SourceConfiguration],
        reporting: ReportingSettings = ReportingSettings(),
        configPath: String? = nil,
        logFormat: String = "text",
        metrics: MetricsListen? = nil
    ) {
        self.logFormat = logFormat
        self.metrics = metrics
        self.database = database
        self.databaseGroupReadable = databaseGroupReadable
        self.logLevel = logLevel
        self.sources = sources
        self.reporting = reporting
        self.configPath = configPath
    }

    /// The source named `name`, if any.
    public func source(named name: String) -> SourceConfiguration? {
        sources.first { $0.name == name }
    }
}

import FoundationEssentials
import OrderSyncCore
import Glibc

/// What every command gets from the process: its environment and where to write.
public struct CommandContext: Sendable {
    public var environment: [String: String]
    public var console: Console
    /// The sink log lines go to (stderr, or the journal under systemd).
    public var logSink: LogSink
    /// The directory relative paths are taken from.
    public var workingDirectory: String
    /// The secrets of the loaded configuration, which `OrderSyncCommand` passes every console
    /// line and log line through (empty until a configuration is loaded).
    public let redaction = LockedBox(Redactor.none)
    /// Whether stderr is a terminal (live progress lines) rather than a file or the journal.
    public var isTerminal: Bool
    /// Ends the process at once with a code: a second stop signal. Only the CLI ends the process.
    public var exitNow: @Sendable (ExitCode) -> Void

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, console: Console = .standard,
        logSink: LogSink = .standardError, workingDirectory: String = FileManager.default.currentDirectoryPath,
        exitNow: @escaping @Sendable (ExitCode) -> Void = { code in
            fflush(nil)
            _exit(code.rawValue)
        }
    ) {
        self.exitNow = exitNow
        self.isTerminal = isatty(STDERR_FILENO) == 1
        self.environment = environment
        self.console = console
        self.logSink = logSink
        self.workingDirectory = workingDirectory
    }

    func logger(level: String, format: String = "text") -> Logger {
        Logger(label: "ordersync", level: LogLevel(level) ?? .info, sink: logSink.formatted(LogSink.Format(rawValue: format) ?? .text))
    }

    /// The logger a configuration asks for (`log_level`, `log_format`).
    func logger(for configuration: Configuration) -> Logger {
        logger(level: configuration.logLevel, format: configuration.logFormat)
    }

    /// Where the configuration lives when `--config` does not say.
    static let fallbackConfigPath = "/etc/ordersync/config.json"

    /// `--config`, else `$ORDERSYNC_CONFIG` when set and non-empty, else `/etc/ordersync/config.json`.
    func configPath(_ arguments: ParsedArguments) -> String {
        if let path = arguments.value("config") { return path }
        if let path = environment["ORDERSYNC_CONFIG"], !path.isEmpty { return path }
        return Self.fallbackConfigPath
    }

    /// `configPath` made absolute against the working directory.
    func absoluteConfigPath(_ arguments: ParsedArguments) -> String {
        let given = configPath(arguments)
        return given.hasPrefix("/") ? given : workingDirectory + "/" + (given.hasPrefix("./") ? String(given.dropFirst(2)) : given)
    }

    /// Loads the file named by `--config`, else `$ORDERSYNC_CONFIG`, else `/etc/ordersync/config.json`;
    /// the loader checks every source's dialect options and the dialect's own rules in the same
    /// pass. Without `resolveSecrets`, secrets from the environment or files are not read (for
    /// commands that never talk upstream).
    /// A disabled source's secrets are resolved only when `--source` names it (the command will use it).
    /// The path is made absolute first, so that a relative `database` or secret file in it means the
    /// file next to the configuration, whatever the working directory.
    func loadConfiguration(_ arguments: ParsedArguments, resolveSecrets: Bool = true) throws(ConfigError) -> Configuration {
        let path = absoluteConfigPath(arguments)
        let named = Set(arguments.value("source").map { [$0] } ?? [])
        let configuration = try ConfigLoader.load(
            path: path, environment: environment, dialects: DialectRegistry.requirements, resolveSecrets: resolveSecrets,
            resolvingDisabled: named)
        redaction.withValue { $0 = Redactor(configuration: configuration) }
        let logger = logger(for: configuration)
        for warning in configuration.warnings { logger.warning(warning) }
        return configuration
    }
}

/// The `--config` option every command that reads the configuration takes.
extension CommandSpec.Option {
    static let config = CommandSpec.Option.value(
        "config", "path", "The configuration file (default: $ORDERSYNC_CONFIG, then /etc/ordersync/config.json).")
}

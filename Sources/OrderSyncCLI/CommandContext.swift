import Foundation
import OrderSyncCore

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

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, console: Console = .standard,
        logSink: LogSink = .standardError, workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.environment = environment
        self.console = console
        self.logSink = logSink
        self.workingDirectory = workingDirectory
    }

    func logger(level: String) -> Logger {
        Logger(label: "ordersync", level: LogLevel(level) ?? .info, sink: logSink)
    }

    /// Loads the file named by `--config`, else `$ORDERSYNC_CONFIG`, else `/etc/ordersync/config.json`;
    /// the loader checks every source's dialect options and the dialect's own rules in the same
    /// pass. Without `resolveSecrets`, secrets from the environment or files are not read (for
    /// commands that never talk upstream).
    func loadConfiguration(_ arguments: ParsedArguments, resolveSecrets: Bool = true) throws(ConfigError) -> Configuration {
        let path = arguments.value("config") ?? ConfigLoader.defaultPath(environment: environment)
        let configuration = try ConfigLoader.load(
            path: path, environment: environment, dialects: DialectRegistry.requirements, resolveSecrets: resolveSecrets)
        redaction.withValue { $0 = Redactor(configuration: configuration) }
        let logger = logger(level: configuration.logLevel)
        for warning in configuration.warnings { logger.warning(warning) }
        return configuration
    }
}

/// The `--config` option every command that reads the configuration takes.
extension CommandSpec.Option {
    static let config = CommandSpec.Option.value(
        "config", "path", "The configuration file (default: $ORDERSYNC_CONFIG, then /etc/ordersync/config.json).")
}

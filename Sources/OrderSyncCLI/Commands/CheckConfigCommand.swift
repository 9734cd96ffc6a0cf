import OrderSyncCore

/// `ordersync check-config`: validates the file and says exactly what is wrong and where.
enum CheckConfigCommand: CLICommand {
    static let spec = CommandSpec(
        name: "check-config",
        abstract: "Validate the configuration file; every problem is named by its key path.",
        discussion: "Exits 0 when the file is valid, 78 when it is not. Secrets are resolved but never printed.",
        options: [.config])

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        context.console.out("\(configuration.configPath ?? "configuration"): OK")
        context.console.out("database: \(configuration.database)")
        for source in configuration.sources {
            let state = source.enabled ? "" : " (disabled)"
            context.console.out("  \(source.name): \(source.dialect) at \(source.baseURL.absoluteString), every \(source.pollIntervalSeconds) s, from \(source.startDate)\(state)")
        }
        return .success
    }
}

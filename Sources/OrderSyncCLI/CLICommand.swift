/// One subcommand of `ordersync`.
protocol CLICommand: SendableMetatype {
    static var spec: CommandSpec { get }
    /// Runs the command; thrown `UsageError`s exit 64, `ConfigError`s 78, anything else 1.
    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode
}

/// A subcommand as a value: its declaration and its entry point.
struct Subcommand: Sendable {
    let spec: CommandSpec
    let run: @Sendable (ParsedArguments, CommandContext) async throws -> ExitCode

    init<Command: CLICommand>(_ command: Command.Type) {
        spec = command.spec
        run = { arguments, context in try await command.run(arguments, context: context) }
    }
}

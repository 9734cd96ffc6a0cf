import OrderSyncCore

/// `ordersync generate-manpage` and `ordersync generate-completion bash`: print the manual page
/// and the bash completion script made from the command declarations (for packagers:
/// `scripts/package` calls them). Hidden from the subcommand list of `--help`, documented in
/// docs/operations.md.
enum GenerateManPageCommand: CLICommand {
    static let spec = CommandSpec(
        name: "generate-manpage",
        abstract: "Print the ordersync(1) manual page (roff) made from the command declarations.",
        options: [])

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        context.console.out(ManPage.render(
            overview: OrderSyncCommand.overview, commands: OrderSyncCommand.commands.map(\.spec), version: OrderSync.version).trailingNewlineDropped)
        return .success
    }
}

enum GenerateCompletionCommand: CLICommand {
    static let spec: CommandSpec = {
        var spec = CommandSpec(
            name: "generate-completion",
            abstract: "Print a shell completion script made from the command declarations (bash only).",
            options: [], usage: "bash")
        spec.arguments = ["shell"]
        return spec
    }()

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        guard arguments.positionals.first == "bash" else {
            let got = arguments.positionals.first.map { "unsupported shell '\($0)'" } ?? "missing the shell"
            throw UsageError("\(got) (supported: bash)", spec: spec)
        }
        context.console.out(BashCompletion.render(commands: OrderSyncCommand.commands.map(\.spec)).trailingNewlineDropped)
        return .success
    }
}

extension String {
    /// The console adds the final newline itself.
    fileprivate var trailingNewlineDropped: String { hasSuffix("\n") ? String(dropLast()) : self }
}

import OrderSyncCore

/// The `ordersync` command line: dispatches to a subcommand and turns errors into exit codes.
public enum OrderSyncCommand {
    static let commands: [Subcommand] = [
        Subcommand(RunCommand.self), Subcommand(BackfillCommand.self), Subcommand(StatusCommand.self),
        Subcommand(VerifyCommand.self), Subcommand(CheckConfigCommand.self), Subcommand(SimulateCommand.self),
        Subcommand(ResyncCommand.self), Subcommand(DemoCommand.self), Subcommand(RatesCommand.self),
        Subcommand(ResetCommand.self), Subcommand(PollCommand.self), Subcommand(DatasetteMetadataCommand.self),
    ]
    /// Tools for packagers, left out of the subcommand list (docs/operations.md names them).
    static let hiddenCommands: [Subcommand] = [Subcommand(GenerateManPageCommand.self), Subcommand(GenerateCompletionCommand.self)]

    static let overview = "Polls order providers incrementally and keeps one canonical order database in SQLite."

    static var helpText: String {
        var text = """
            OVERVIEW: \(overview)

            USAGE: ordersync <subcommand>

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            SUBCOMMANDS:

            """
        for command in commands {
            let name = command.spec.name
            text += "  \(name)" + String(repeating: " ", count: max(2, 24 - name.count)) + command.spec.abstract + "\n"
        }
        text += "\n  See 'ordersync <subcommand> --help' or 'ordersync help <subcommand>' for detailed help.\n"
        return text
    }

    /// Runs the command line `arguments` (without the program name).
    public static func main(_ arguments: [String], context: CommandContext = CommandContext()) async -> ExitCode {
        var context = context
        context.console = context.console.redacting(context.redaction)
        context.logSink = context.logSink.redacting(context.redaction)
        guard let first = arguments.first else {
            context.console.err(UsageError("missing subcommand", usage: "ordersync <subcommand>", command: "").description)
            return .usage
        }
        if first == "-h" || first == "--help" || first == "help" {
            // `ordersync help run` is `ordersync run --help`, as git and systemctl have it.
            guard arguments.count > 1, first == "help" else {
                context.console.out(helpText)
                return .success
            }
            guard let command = commands.first(where: { $0.spec.name == arguments[1] }) else {
                let names = commands.map(\.spec.name).joined(separator: ", ")
                context.console.err(UsageError("no help for '\(arguments[1])': not a subcommand (expected one of: \(names))",
                                               usage: "ordersync help [<subcommand>]", command: "").description)
                return .usage
            }
            context.console.out(command.spec.helpText)
            return .success
        }
        if first == "--version" {
            context.console.out(OrderSync.version)
            return .success
        }
        guard let command = (commands + hiddenCommands).first(where: { $0.spec.name == first }) else {
            let names = commands.map(\.spec.name).joined(separator: ", ")
            context.console.err(UsageError("unknown subcommand '\(first)' (expected one of: \(names))",
                                           usage: "ordersync <subcommand>", command: "").description)
            return .usage
        }
        do {
            let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: command.spec)
            if parsed.wantsHelp {
                context.console.out(command.spec.helpText)
                return .success
            }
            return try await command.run(parsed, context)
        } catch let error as UsageError {
            context.console.err(error.description)
            return .usage
        } catch let error as ConfigError {
            context.console.err("Error: invalid configuration:\n" + error.all.map { "  " + $0.description }.joined(separator: "\n"))
            return .configuration
        } catch {
            context.console.err("Error: \(error)")
            return .failure
        }
    }
}

import FoundationEssentials
import OrderSyncCore
import PlatformSupport

/// `ordersync check-config`: validates the file and says exactly what is wrong and where.
enum CheckConfigCommand: CLICommand {
    static let spec = CommandSpec(
        name: "check-config",
        abstract: "Validate the configuration file; every problem is named by its key path.",
        discussion: """
            Exits 0 when the file is valid, 78 when it is not. Secrets are resolved but never printed. Also checks
            what 'run' would refuse: the database directory must exist and be writable by this user.
            With --probe, each enabled source also gets one authenticated request (the first page of its order
            list); a source that is not ok (credentials refused, unreachable, TLS error) makes it exit 1.
            A PostgreSQL database is probed too: it reports the server's version and whether the schema is
            current; a server that cannot be reached or refuses the login makes it exit 1.
            """,
        options: [.config, .flag("probe", """
            Make one authenticated request per enabled source (and connect to a PostgreSQL database) and report the outcome.
            """)])

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration: Configuration
        do {
            configuration = try context.loadConfiguration(arguments)
        } catch {
            // One pass: the database location is checked too when the rest of the file is wrong.
            var combined = error
            let path = context.absoluteConfigPath(arguments)
            if let database = peekDatabase(path),
               let problem = DatabaseLocation.problem(database, workingDirectory: path.parentDirectory) {
                combined.additional.append(problem)
            }
            throw combined
        }
        if let problem = DatabaseLocation.problem(configuration.database, workingDirectory: context.workingDirectory) {
            throw problem
        }
        context.console.out("\(configuration.configPath ?? "configuration"): OK")
        context.console.out("database: \(configuration.database)")
        for source in configuration.sources {
            let state = source.enabled ? "" : " (disabled)"
            context.console.out("  \(source.name): \(source.dialect) at \(source.baseURL.absoluteString), every \(source.pollIntervalSeconds) s, from \(source.startDate)\(state)")
        }
        guard arguments.flag("probe") else { return .success }
        context.console.out("probe:")
        let databaseOK = try probeDatabase(configuration, console: context.console)
        let outcomes = await withTaskGroup(of: (Int, String, SourceProbe.Outcome).self) { group in
            for (index, source) in configuration.sources.enumerated() where source.enabled {
                group.addTask {
                    guard let adapter = try? DialectRegistry.makeAdapter(for: source, index: index) else {
                        return (index, source.name, .failed("no adapter"))
                    }
                    return (index, source.name, await SourceProbe.probe(source, adapter: adapter))
                }
            }
            var all: [(Int, String, SourceProbe.Outcome)] = []
            for await outcome in group { all.append(outcome) }
            return all.sorted { $0.0 < $1.0 }
        }
        for (_, name, outcome) in outcomes {
            context.console.out("  \(name): \(outcome.description)")
        }
        return databaseOK && outcomes.allSatisfy { $0.2.isOK } ? .success : .failure
    }

    /// One connection to a PostgreSQL database, reported as one line; true when it answered.
    /// A SQLite file needs no probe: the location check above already judged it. A missing
    /// libpq is a configuration error (78), thrown; a server that is down is a failed probe.
    private static func probeDatabase(_ configuration: Configuration, console: Console) throws -> Bool {
        guard let uri = configuration.postgresDatabase else { return true }
        do {
            let probe = try PostgresStore.probe(uri)
            console.out("  database: \(probe.summary(currentSchemaVersion: PostgresStore.currentSchemaVersion))")
            return true
        } catch let error as PostgresError {
            // The URI was validated on loading: it holds no password, so the error may name it.
            console.out("  database: FAILED: \(error)")
            return false
        }
    }

    /// The `database` string of a file that failed validation, if it has one.
    private static func peekDatabase(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              case .object(let root)? = try? JSONValue.parse(Array(data)),
              case .string(let database)? = root["database"], !database.isEmpty
        else { return nil }
        return database
    }
}

import FoundationEssentials
import OrderSyncCore

/// `ordersync datasette-metadata`: prints `docs/datasette-metadata.json` keyed for the database
/// the user serves, since datasette matches metadata to a database by its name only.
enum DatasetteMetadataCommand: CLICommand {
    static let spec = CommandSpec(
        name: "datasette-metadata",
        abstract: "Print datasette metadata (descriptions of every table, view and column) for your database.",
        discussion: """
            Datasette names a database after its file without the extension (orders.db is 'orders') and applies \
            metadata by that name. This prints the metadata keyed for --name, else for the database file of the \
            configuration: ordersync datasette-metadata > metadata.json; datasette /var/lib/ordersync/orders.db \
            --metadata metadata.json. Reads the configuration only; opens no database.
            """,
        options: [
            .value("name", "name", "The database's name in datasette (default: the configured database's file name without extension)."),
            .config,
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let name: String
        if let given = arguments.value("name") {
            guard !given.isEmpty else { throw UsageError("'--name' needs a database name, e.g. --name orders", spec: spec) }
            name = given
        } else {
            let configuration = try context.loadConfiguration(arguments, resolveSecrets: false)
            name = DatasetteMetadata.databaseName(ofFile: configuration.database)
        }
        context.console.out(DatasetteMetadata.document(databaseName: name))
        return .success
    }
}

import OrderSyncCore

/// `--source NAME` / `--all` as the commands that act per source read them.
enum SourceSelection {
    /// The sync of `--source`, or with `--all` (or, where `defaultAll`, neither) every enabled
    /// source. Naming a source that is not configured is a usage error that lists the names.
    static func syncs(
        _ arguments: ParsedArguments, in environment: SyncEnvironment, spec: CommandSpec, defaultAll: Bool
    ) throws(UsageError) -> [SourceSync] {
        let named = arguments.value("source")
        let all = arguments.flag("all")
        if named != nil && all { throw UsageError("give only one of --source <name> and --all", spec: spec) }
        if named == nil && !all && !defaultAll { throw UsageError("give exactly one of --source <name> and --all", spec: spec) }
        guard let name = named else { return environment.syncs.filter(\.source.enabled) }
        guard let sync = environment.sync(named: name) else {
            let names = environment.configuration.sources.map(\.name).joined(separator: ", ")
            throw UsageError("no source named '\(name)' in the configuration (configured: \(names))", spec: spec)
        }
        return [sync]
    }
}

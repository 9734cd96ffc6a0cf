import FoundationEssentials

/// Builds the per-source machinery from a configuration: one adapter, one HTTP client (over the
/// process-wide transport) and one `SourceSync` per source, all sharing one store.
public struct SyncEnvironment: Sendable {
    public let configuration: Configuration
    public let store: any OrderStore
    public let syncs: [SourceSync]

    /// - Parameters:
    ///   - includeDisabled: also build sources with `"enabled": false` (for a backfill of one).
    ///   - transport: the HTTP transport; tests may pass their own.
    ///   - now: the clock every sync reads (tests inject one).
    public init(
        configuration: Configuration, store: any OrderStore, logger: Logger, includeDisabled: Bool = false,
        transport: any HTTPTransport = CurlTransport.shared, now: @escaping @Sendable () -> Instant = { .now() }
    ) async throws {
        self.configuration = configuration
        self.store = store
        try await store.setReportingCurrency(configuration.reporting.currency)
        var syncs: [SourceSync] = []
        for (index, source) in configuration.sources.enumerated() where source.enabled || includeDisabled {
            let adapter = try DialectRegistry.makeAdapter(for: source, index: index)
            let client = HTTPClient(
                source: source.name, baseURL: source.baseURL, settings: HTTPClientSettings(source.http),
                transport: transport, authorizer: adapter.makeAuthorizer(source: source))
            syncs.append(try await SourceSync(source: source, adapter: adapter, client: client, store: store, logger: logger, now: now))
        }
        self.syncs = syncs
    }

    public func sync(named name: String) -> SourceSync? {
        syncs.first { $0.source.name == name }
    }
}

import FoundationEssentials

/// Everything that shapes a simulator: where it listens and what data it holds.
///
/// The same `seed` and `now` give byte-identical responses. Settings of one
/// dialect (reseller's credentials, formations' page size) are declared by
/// that dialect as properties in its own folder, stored in `dialectSettings`.
public struct SimulatorConfiguration: Sendable {
    /// IPv4 address to bind; loopback by default.
    public var host: String
    /// 0 lets the kernel pick a free port (read it from `Simulator.port`).
    public var port: UInt16
    /// Orders generated per dialect (tested up to 100,000).
    public var ordersPerDialect: Int
    public var seed: UInt64
    /// The end of the generated history: every generated timestamp lies in
    /// `[now - historyDays, now]`.
    public var now: Date
    public var historyDays: Int
    /// Static tokens (bearer tokens or API keys) of the dialects that use one.
    public var bearerTokens: [SimDialect: String]
    /// The time session tokens are issued and checked at (reseller's `expires_in`): real time,
    /// unlike `now`, since a token lives while the simulator runs; tests move their own.
    public var clock: @Sendable () -> Date = { Date() }
    /// Per-dialect settings by `<dialect>.<name>`, read and written through
    /// the typed properties each dialect declares.
    var dialectSettings: [String: any Sendable] = [:]

    /// `sim-<dialect>-token` for every static-token dialect.
    public static var defaultBearerTokens: [SimDialect: String] {
        Dictionary(uniqueKeysWithValues: SimulatedDialects.all.filter { $0.authentication.isStatic }
            .map { ($0.dialect, "sim-\($0.dialect.rawValue)-token") })
    }

    public init(host: String = "127.0.0.1", port: UInt16 = 0, ordersPerDialect: Int = 200, seed: UInt64 = 1,
                now: Date = Date(), historyDays: Int = 365,
                bearerTokens: [SimDialect: String] = SimulatorConfiguration.defaultBearerTokens) {
        self.host = host
        self.port = port
        self.ordersPerDialect = ordersPerDialect
        self.seed = seed
        self.now = now
        self.historyDays = historyDays
        self.bearerTokens = bearerTokens
    }

    /// The bearer token a static-token dialect expects (nil for a dialect
    /// that issues tokens from its own login route).
    public func token(for dialect: SimDialect) -> String? {
        dialect.api.authentication.isStatic ? bearerTokens[dialect] ?? "sim-\(dialect.rawValue)-token" : nil
    }

    /// What a client's source of `dialect` needs to talk to this simulator.
    public func sourceSettings(for dialect: SimDialect) -> SimSourceSettings {
        dialect.api.sourceSettings(self)
    }

    /// A dialect's setting, `fallback` when unset.
    func setting<T: Sendable>(_ key: String, default fallback: T) -> T {
        dialectSettings[key] as? T ?? fallback
    }

    /// `now` truncated to whole seconds since the epoch.
    var nowSeconds: Int64 {
        Int64(now.timeIntervalSince1970.rounded(.down))
    }
}

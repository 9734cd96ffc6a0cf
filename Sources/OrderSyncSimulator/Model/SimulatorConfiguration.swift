import Foundation

/// Everything that shapes a simulator: where it listens and what data it holds.
///
/// The same `seed` and `now` give byte-identical responses.
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
    /// Static bearer tokens of mobility, erp, formations and lifecycle.
    public var bearerTokens: [SimDialect: String]
    public var resellerUsername: String
    public var resellerPassword: String
    /// Lifetime of a reseller `auth_token`, in seconds (fractions allowed, for tests).
    public var resellerTokenTTL: TimeInterval
    /// The fixed formations page size.
    public var formationsPageSize: Int

    /// `sim-<dialect>-token` for every static-token dialect.
    public static let defaultBearerTokens: [SimDialect: String] = Dictionary(
        uniqueKeysWithValues: [SimDialect.mobility, .erp, .formations, .lifecycle].map { ($0, "sim-\($0.rawValue)-token") }
    )

    public init(host: String = "127.0.0.1", port: UInt16 = 0, ordersPerDialect: Int = 200, seed: UInt64 = 1,
                now: Date = Date(), historyDays: Int = 365,
                bearerTokens: [SimDialect: String] = SimulatorConfiguration.defaultBearerTokens,
                resellerUsername: String = "sim-user", resellerPassword: String = "sim-pass",
                resellerTokenTTL: TimeInterval = 3600, formationsPageSize: Int = 50) {
        self.host = host
        self.port = port
        self.ordersPerDialect = ordersPerDialect
        self.seed = seed
        self.now = now
        self.historyDays = historyDays
        self.bearerTokens = bearerTokens
        self.resellerUsername = resellerUsername
        self.resellerPassword = resellerPassword
        self.resellerTokenTTL = resellerTokenTTL
        self.formationsPageSize = formationsPageSize
    }

    /// The bearer token a static-token dialect expects (nil for reseller,
    /// which issues tokens from `/api/v1/authenticate`).
    public func token(for dialect: SimDialect) -> String? {
        dialect == .reseller ? nil : bearerTokens[dialect] ?? "sim-\(dialect.rawValue)-token"
    }

    /// `now` truncated to whole seconds since the epoch.
    var nowSeconds: Int64 {
        Int64(now.timeIntervalSince1970.rounded(.down))
    }
}

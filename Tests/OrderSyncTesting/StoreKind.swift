import Foundation
import OrderSyncCore

/// The two stores the store, pipeline and golden tests run against: `@Test(arguments: StoreKind.allCases)`.
/// PostgreSQL databases are new, empty ones on the test process's throwaway cluster
/// (`PostgresTestCluster.shared()`); a machine without PostgreSQL skips them visibly
/// (`StoreKind.postgresAvailable`) and fails them in CI.
public enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// Whether this kind can run here; PostgreSQL in CI must (see `PostgresTestCluster.isRequired`).
    public var isAvailable: Bool {
        self == .sqlite || PostgresTestCluster.unavailableReason == nil || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    /// The kinds a test runs on here: both where PostgreSQL can be started (or in CI, where
    /// a missing one fails), else SQLite alone, with a warning naming why.
    public static var available: [StoreKind] {
        let kinds = allCases.filter(\.isAvailable)
        if kinds.count < allCases.count, let reason = PostgresTestCluster.unavailableReason {
            print("⚠️ PostgreSQL variants skipped: \(reason)")
        }
        return kinds
    }

    /// A new, empty database of this kind: the value `"database"` takes in a configuration.
    public func makeDatabase(in directory: String) throws -> String {
        switch self {
        case .sqlite: directory + "/orders.db"
        case .postgres: try PostgresTestCluster.shared().makeDatabase().description
        }
    }

    /// Opens (and migrates) `database` the way commands do.
    public func open(_ database: String, redactor: Redactor = .none) async throws -> any OrderStore {
        try await StoreLocation(database: database).open(
            redactor: redactor, logger: Logger(label: "test", level: .warning, sink: .discard))
    }
}


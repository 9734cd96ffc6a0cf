import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// A starting daemon closes the runs a dead process left open, and only those: a backfill
/// running beside it keeps its open run.
@Suite("Reliability: run ownership")
struct RunOwnershipTests {
    @Test func onlyRunsOfDeadProcessesAreClosed() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory + "/orders.db")
            let dead = try await store.beginRun(source: "a", kind: .backfill)
            let alive = try await store.beginRun(source: "b", kind: .backfill)
            let legacy = try await store.beginRun(source: "c", kind: .poll)
            try await store.withDatabase { db in
                // A pid far above pid_max belongs to no process; our parent is alive.
                try db.makeStatement("UPDATE sync_runs SET pid = ?2 WHERE run_id = ?1").execute(dead, Int64(999_999_999))
                try db.makeStatement("UPDATE sync_runs SET pid = ?2 WHERE run_id = ?1").execute(alive, Int64(getppid()))
                try db.makeStatement("UPDATE sync_runs SET pid = NULL WHERE run_id = ?1").execute(legacy)
            }
            #expect(try await store.closeAbandonedRuns() == 2)
            let outcomes = try await store.withDatabase { db in
                try db.makeStatement("SELECT run_id, outcome FROM sync_runs ORDER BY run_id").query().map { ($0.int64(0) ?? 0, $0.string(1)) }
            }
            #expect(outcomes.map(\.1) == ["interrupted", nil, "interrupted"])
        }
    }
}

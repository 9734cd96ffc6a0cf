import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// What a reload asks of the scheduler: a removed source stops (its run closed) while the others
/// keep polling; a replaced one continues with its new settings; an added one starts.
@Suite("Scheduler add, remove, replace")
struct SchedulerReloadTests {
    @Test func removeAndReplaceWhileRunning() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"], extra: ["poll_interval_seconds": .number("1")])
            let environment = try await harness.environment()
            let erp = try #require(environment.sync(named: "sim-erp"))
            let lifecycle = try #require(environment.sync(named: "sim-lifecycle"))
            let scheduler = PollScheduler(syncs: [erp], logger: .silent)
            let running = Task { await scheduler.run() }
            func runs(_ source: String) throws -> Int {
                try Operations.count(harness.databasePath, "SELECT count(*) FROM sync_runs WHERE source = '\(source)'")
            }
            try await Operations.waitUntil("sim-erp polls", timeout: .seconds(90)) { try runs("sim-erp") >= 1 }
            scheduler.add(lifecycle)
            try await Operations.waitUntil("the added source polls", timeout: .seconds(90)) { try runs("sim-lifecycle") >= 1 }
            #expect(scheduler.sourceNames == ["sim-erp", "sim-lifecycle"])

            await scheduler.remove("sim-lifecycle")
            #expect(scheduler.sourceNames == ["sim-erp"])
            let stoppedAt = try runs("sim-lifecycle")
            #expect(try Operations.count(harness.databasePath, "SELECT count(*) FROM sync_runs WHERE outcome IS NULL AND source = 'sim-lifecycle'") == 0,
                    "its last run is closed")
            let erpBefore = try runs("sim-erp")
            try await Operations.waitUntil("sim-erp keeps polling", timeout: .seconds(90)) { try runs("sim-erp") >= erpBefore + 2 }
            #expect(try runs("sim-lifecycle") == stoppedAt, "a removed source polls no more")

            let replacement = try #require(try await harness.environment().sync(named: "sim-erp"))
            await scheduler.replace(replacement)
            let replacedAt = try runs("sim-erp")
            try await Operations.waitUntil("the replaced source polls", timeout: .seconds(90)) { try runs("sim-erp") >= replacedAt + 1 }
            running.cancel()
            await running.value
            #expect(try Operations.count(harness.databasePath, "SELECT count(*) FROM sync_runs WHERE outcome IS NULL") == 0)
        }
    }
}

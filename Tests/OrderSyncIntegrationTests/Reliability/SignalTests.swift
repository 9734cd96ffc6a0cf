import Foundation
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// SIGTERM and SIGINT finish or roll back the page in hand, record the run as interrupted and
/// exit within 10 s: `run` with 0, `backfill` with 75; a second signal exits at once.
@Suite("Stop signals (the real binary)", .serialized)
struct SignalTests {
    @Test("SIGTERM stops a backfill with 75, interrupted; running it again completes", arguments: [SIGTERM, SIGINT])
    func backfillStops(signal: Int32) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"], extra: ["page_size": .number("5")])
            // Slow enough that the backfill (about 3 s) is still running when the signal comes.
            harness.simulator.inject(SimFault(kind: .delay(milliseconds: 50), count: 1_000_000))
            let arguments = ["backfill", "--config", harness.configPath, "--source", "sim-erp", "--since", "2020-01-01"]
            var child = try OrderSyncProcess(arguments, directory: directory)
            var status: Int32?
            for attempt in 1...3 {
                if attempt > 1 {
                    // The backfill finished before this (starved) test process sent the signal:
                    // start over from an empty database.
                    for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: harness.databasePath + suffix) }
                    child = try OrderSyncProcess(arguments, directory: directory)
                }
                try await Self.waitForFirstPage(harness.databasePath)
                child.signal(signal)
                status = await child.wait(timeout: .seconds(10))
                if status != 0 { break }
            }
            #expect(status == 75, "\(child.output)")
            #expect(child.output.contains("run the same command again"))
            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            #expect(try db.makeStatement("SELECT outcome FROM sync_runs ORDER BY run_id DESC LIMIT 1").scalar()?.stringValue == "interrupted")

            harness.simulator.clearFaults()
            let again = try OrderSyncProcess(arguments, directory: directory)
            #expect(await again.wait(timeout: .seconds(60)) == 0, "\(again.output)")
            #expect(try harness.differences("erp") == [])
        }
    }

    @Test("SIGTERM stops the daemon with 0")
    func daemonStops() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"], extra: ["page_size": .number("5")])
            harness.simulator.inject(SimFault(kind: .delay(milliseconds: 20), count: 1_000_000))
            let daemon = try OrderSyncProcess(["run", "--config", harness.configPath], directory: directory)
            defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
            // Work in hand when the signal comes: a page written and a run still open.
            try await Self.waitForFirstPage(harness.databasePath, andAnOpenRun: true)
            daemon.signal(SIGTERM)
            #expect(await daemon.wait(timeout: .seconds(10)) == 0, "\(daemon.output)")
            #expect(daemon.output.contains("received SIGTERM"))
            #expect(daemon.output.contains("stopped"))
            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            #expect(try db.makeStatement("SELECT count(*) FROM sync_runs WHERE outcome IS NULL").scalar()?.intValue == 0,
                    "every run is closed, as interrupted if it was cut short")
        }
    }

    @Test("a second signal exits at once, while the clean stop is stuck")
    func secondSignalExitsAtOnce() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"], extra: ["page_size": .number("5")])
            harness.simulator.inject(SimFault(kind: .delay(milliseconds: 50), count: 1_000_000))
            let child = try OrderSyncProcess(
                ["backfill", "--config", harness.configPath, "--source", "sim-erp", "--since", "2020-01-01"], directory: directory)
            defer { if child.process.isRunning { child.signal(SIGKILL) } }
            try await Self.waitForFirstPage(harness.databasePath)
            // Another connection holds the write lock: the page in hand and the run's closing row
            // each wait the 5 s busy timeout, so a clean stop takes 5 s or more from here.
            let blocker = try Database(path: harness.databasePath, options: Database.OpenOptions(create: false))
            try blocker.execute("BEGIN EXCLUSIVE")
            defer { try? blocker.execute("ROLLBACK") }
            child.signal(SIGTERM)
            // The first signal was seen (the stop began) and the process is still there.
            try await waitForEvidence("the first SIGTERM acknowledged on stderr", timeout: .seconds(10)) {
                child.output.contains("received SIGTERM")
            }
            #expect(child.process.isRunning, "the first signal alone cannot finish while the database is locked")
            child.signal(SIGTERM)
            // Well under the 5 s the clean stop needs: only the second-signal path can be this quick.
            let status = await child.wait(timeout: .seconds(3))
            #expect(status == 75, "\(child.output)")
            #expect(child.output.contains("second SIGTERM: exiting now"), "\(child.output)")
        }
    }

    /// Waits until the backfill has committed a page: on a loaded machine a fixed sleep can
    /// outlast the whole backfill (the test's own tasks wait for a thread), and the signal then
    /// comes too late to interrupt anything.
    /// With `andAnOpenRun`, also until a run is under way (its `sync_runs` row has no outcome).
    static func waitForFirstPage(_ database: String, andAnOpenRun: Bool = false) async throws {
        try await waitForEvidence(andAnOpenRun ? "a committed page and an open run" : "a committed page") {
            guard let db = try? Database(path: database, options: Database.OpenOptions(readOnly: true, create: false)) else { return false }
            defer { db.close() }
            let orders = (try? db.makeStatement("SELECT count(*) FROM orders").scalar()?.intValue) ?? 0
            let open = (try? db.makeStatement("SELECT count(*) FROM sync_runs WHERE outcome IS NULL").scalar()?.intValue) ?? 0
            return orders > 0 && (!andAnOpenRun || open > 0)
        }
    }
}

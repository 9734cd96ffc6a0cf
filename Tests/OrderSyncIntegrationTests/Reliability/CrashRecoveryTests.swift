import Foundation
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// kill -9 at random moments, many times: the database is never corrupt, never holds a partial
/// page, its checkpoint never points past committed data, and a final run ends equal to upstream.
@Suite("Crash recovery (kill -9 of the real binary)", .serialized)
struct CrashRecoveryTests {
    /// Every simulated request is slowed a little so that a kill lands mid-run.
    static let slowUpstream = SimFault(kind: .delay(milliseconds: 40), count: 1_000_000)

    @Test("kill -9 during a backfill, repeatedly; it resumes and ends equal", arguments: TestDialects.names)
    func killDuringBackfill(dialect: String) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(
                directory: directory, dialects: [dialect], simulator: SimulatorConfiguration(ordersPerDialect: 150),
                extra: ["page_size": .number("5"), "slice_days": .number("45")])
            harness.simulator.inject(Self.slowUpstream)
            let source = harness.sourceName(dialect)
            let arguments = ["backfill", "--config", harness.configPath, "--source", source, "--since", "2020-01-01"]
            var generator = SystemRandomNumberGenerator()
            var kills = 0
            let clock = ContinuousClock()
            let budget = clock.now + .seconds(25)
            while kills < 6, clock.now < budget {
                let child = try OrderSyncProcess(arguments, directory: directory, binary: OrderSyncProcess.binary(for: dialect))
                // Kill once the backfill is under way (a page committed since the last kill), a
                // random moment later: a fixed sleep lands after the end on a loaded machine.
                let committed = CrashInvariants.backfillCursor(database: harness.databasePath, source: source)
                let deadline = clock.now + .seconds(10)
                while child.process.isRunning, clock.now < deadline,
                      CrashInvariants.backfillCursor(database: harness.databasePath, source: source) == committed {
                    try await Task.sleep(for: .milliseconds(20))
                }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...300, using: &generator)))
                child.signal(SIGKILL)
                let status = await child.wait(timeout: .seconds(10))
                if status == 0 {
                    // It finished before the kill (this test process was starved on a loaded
                    // machine): start over from an empty database until a kill lands.
                    guard kills == 0 else { break }
                    for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: harness.databasePath + suffix) }
                    continue
                }
                kills += 1
                try CrashInvariants.check(database: harness.databasePath, source: source, simulator: harness.simulator, dialect: dialect)
            }
            #expect(kills > 0, "at least one kill landed mid-backfill")
            let final = try OrderSyncProcess(arguments, directory: directory, binary: OrderSyncProcess.binary(for: dialect))
            #expect(await final.wait(timeout: .seconds(60)) == 0, "\(final.output)")
            #expect(try harness.differences(dialect) == [])
            try CrashInvariants.check(database: harness.databasePath, source: source, simulator: harness.simulator, dialect: dialect)
        }
    }

    @Test("kill -9 while polling; the next start closes the dead run and converges")
    func killWhilePolling() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(
                directory: directory, dialects: ["erp", "lifecycle"], simulator: SimulatorConfiguration(ordersPerDialect: 150),
                extra: ["page_size": .number("5"), "poll_interval_seconds": .number("1")])
            harness.simulator.inject(Self.slowUpstream)
            var generator = SystemRandomNumberGenerator()
            for round in 0..<4 {
                let daemon = try OrderSyncProcess(["run", "--config", harness.configPath], directory: directory)
                try await Task.sleep(for: .milliseconds(Int.random(in: 300...1_200, using: &generator)))
                if round % 2 == 1 { harness.simulator.mutate(.erp, count: 10); harness.simulator.mutate(.lifecycle, count: 10) }
                daemon.signal(SIGKILL)
                _ = await daemon.wait(timeout: .seconds(10))
                for dialect in ["erp", "lifecycle"] {
                    try CrashInvariants.check(database: harness.databasePath, source: harness.sourceName(dialect),
                                              simulator: harness.simulator, dialect: dialect)
                }
            }
            harness.simulator.clearFaults()
            let once = try OrderSyncProcess(["run", "--once", "--config", harness.configPath], directory: directory)
            #expect(await once.wait(timeout: .seconds(60)) == 0, "\(once.output)")
            #expect(try harness.differences("erp") == [])
            #expect(try harness.differences("lifecycle") == [])
            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            #expect(try db.makeStatement("SELECT count(*) FROM sync_runs WHERE outcome IS NULL").scalar()?.intValue == 0,
                    "runs killed mid-way are closed as interrupted on the next start")
            #expect(try db.makeStatement("SELECT count(*) FROM sync_runs WHERE outcome = 'interrupted'").scalar()?.intValue ?? 0 > 0)
        }
    }
}

/// What must hold after any crash.
enum CrashInvariants {
    /// The source's backfill cursor as committed so far (nil before the first page, or while
    /// the file is not readable yet).
    static func backfillCursor(database path: String, source: String) -> String? {
        guard FileManager.default.fileExists(atPath: path),
              let db = try? Database(path: path, options: Database.OpenOptions(readOnly: true, create: false)) else { return nil }
        return try? db.makeStatement("SELECT cursor FROM sync_state WHERE source = ?1 AND stream = 'backfill'").scalar(source)?.stringValue
    }

    static func check(database path: String, source: String, simulator: Simulator, dialect: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let db = try Database(path: path, options: Database.OpenOptions(readOnly: true, create: false))
        #expect(try db.makeStatement("PRAGMA integrity_check").scalar()?.stringValue == "ok")
        // Lines are written with their order in one transaction: never an order without lines.
        #expect(try db.makeStatement("""
            SELECT count(*) FROM orders o WHERE o.source = ?1
            AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.source = o.source AND l.order_id = o.order_id)
            """).scalar(source)?.intValue == 0, "an order without its lines is a partial page")
        // A window checkpoint (a backfill's, or an unfinished poll window's) says every order
        // placed from the window's start up to its next slice is stored.
        let stored = Set(try db.makeStatement("SELECT order_id FROM orders WHERE source = ?1").query(source).compactMap { $0.string(0) })
        let utc = ZoneRules.utc
        for row in try db.makeStatement("SELECT stream, cursor FROM sync_state WHERE source = ?1").query(source) {
            guard let cursor = row.string(1), let state = try? JSONValue.parse(cursor).objectValue else { continue }
            let progress = row.string(0) == "backfill" ? state : state["window"]?.objectValue
            guard let progress, let sliceText = progress["slice_from"]?.stringValue,
                  let sliceFrom = try? TimestampParser.parse(sliceText, timeZone: utc) else { continue }
            let windowFrom = (progress["since"]?.stringValue ?? progress["from"]?.stringValue)
                .flatMap { try? TimestampParser.parse($0, timeZone: utc) } ?? Instant(secondsSinceEpoch: 0)
            let required = simulator.snapshot(of: SimDialect(rawValue: dialect)!).filter {
                Instant($0.placedAt) >= windowFrom && Instant($0.placedAt) < sliceFrom
            }
            let missing = required.filter { !stored.contains($0.id) }.map(\.id)
            #expect(missing.isEmpty, "\(row.string(0) ?? "") checkpoint \(cursor) is past orders that are not stored: \(missing.prefix(5))")
        }
    }
}

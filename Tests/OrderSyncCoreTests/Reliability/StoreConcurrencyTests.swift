import Foundation
import Testing

@testable import OrderSyncCore

/// The store's concurrency model: its work runs on its own queue, never on the async runtime's
/// threads; a cancelled task stops a long store call at once (`sqlite3_interrupt`), anything it
/// wrote is rolled back, and the same connection answers the next call.
@Suite("Reliability: the store's queue and cancellation")
struct StoreConcurrencyTests {
    typealias Fixture = DuressDatabase

    /// Counts to 300 million through a recursive CTE: about a minute of SQLite work (and no disk)
    /// unless interrupted.
    static let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) SELECT count(*) FROM c"

    @Test func storeCallsRunOnTheStoresOwnQueue() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore()
            defer { store.close() }
            #expect(!store.executor.isCurrent, "the test itself runs on the runtime's threads")
            #expect(try await store.withDatabase { _ in store.executor.isCurrent })
            #expect(try await store.interruptible { _ in store.executor.isCurrent })
            // So does opening (it may wait for a lock), and a store opened for reading.
            let opened = try await SQLiteStore.open(path: fixture.path, logger: .silent)
            #expect(try await opened.withDatabase { _ in opened.executor.isCurrent })
            opened.close()
            let reader = try await SQLiteStore.open(readingOnly: fixture.path)
            #expect(try await reader.withDatabase { _ in reader.executor.isCurrent })
            #expect(try await reader.knownSources() == [Fixture.source])
            reader.close()
        }
    }

    @Test func cancellingALongQueryStopsItAndTheStoreStillAnswers() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore()
            defer { store.close() }
            let (started, signal) = AsyncStream<Void>.makeStream()
            let query = Task {
                try await store.interruptible { db in
                    signal.yield()
                    return try db.makeStatement(Self.endless).scalar()
                }
            }
            for await _ in started { break }
            let clock = ContinuousClock()
            let cancelledAt = clock.now
            query.cancel()
            let result = await query.result
            // Generous: an interrupted query ends in milliseconds, the full count takes minutes.
            #expect(clock.now - cancelledAt < .seconds(20))
            #expect(throws: CancellationError.self) { try result.get() }

            #expect(try await store.knownSources() == [Fixture.source])
            let summary = try await store.write(Fixture.batch([Fixture.order("1")], checkpoint: "c1"))
            #expect(summary.ordersInserted == 1)
            #expect(try fixture.snapshot().checkpoint == "c1")
        }
    }

    @Test func cancellingALongWriteRollsItBack() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore()
            defer { store.close() }
            try await store.withDatabase { db in try db.execute("CREATE TABLE scratch (x INTEGER)") }
            let (started, signal) = AsyncStream<Void>.makeStream()
            let write = Task {
                try await store.interruptible { db in
                    try db.inTransaction {
                        try db.execute("INSERT INTO scratch VALUES (0)")
                        signal.yield()
                        try db.execute("INSERT INTO scratch " + Self.endless)
                    }
                }
            }
            for await _ in started { break }
            let clock = ContinuousClock()
            let cancelledAt = clock.now
            write.cancel()
            let result = await write.result
            #expect(clock.now - cancelledAt < .seconds(20))
            #expect(throws: CancellationError.self) { try result.get() }
            let (rows, open) = try await store.withDatabase { db in
                (try db.makeStatement("SELECT count(*) FROM scratch").scalar()?.intValue, db.isInTransaction)
            }
            #expect(rows == 0, "the whole transaction is rolled back")
            #expect(!open)
            try await store.write(Fixture.batch([Fixture.order("1")], checkpoint: "c1"))
            #expect(try fixture.snapshot().orders == 1)
        }
    }

    @Test func aTaskCancelledBeforeTheCallTouchesNothing() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore()
            defer { store.close() }
            let write = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await store.write(Fixture.batch([Fixture.order("1")], checkpoint: "c1"))
            }
            await #expect(throws: CancellationError.self) { try await write.value }
            #expect(try fixture.snapshot().orders == 0)
            // Bookkeeping a cancelled run still does is not interruptible.
            let run = try await Task {
                withUnsafeCurrentTask { $0?.cancel() }
                let run = try await store.beginRun(source: Fixture.source, kind: .poll)
                try await store.finishRun(run, outcome: .interrupted, requests: 0, ordersUpserted: 0, error: "stopped")
                return run
            }.value
            #expect(try await store.status(of: Fixture.source).lastRun?.runID == run)
        }
    }

    /// SQLite's own busy wait never looks at `sqlite3_interrupt`: a write waiting for another
    /// process's lock must still give up when its task is cancelled, not sit out the timeout.
    @Test func cancellingAWriteWaitingForALockEndsTheWait() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore(busyTimeout: .seconds(120))
            defer { store.close() }
            let holder = try Database(path: fixture.path, options: Database.OpenOptions(busyTimeout: .zero))
            try holder.execute("BEGIN IMMEDIATE")
            // The transaction every store write opens (`write` is `interruptible` around
            // `inTransaction`), begun once the call is under way: a cancellation before the call
            // starts is answered without any lock wait (covered above) and would prove nothing.
            // Whether the cancellation lands just before the BEGIN or during its wait, only a
            // busy handler that looks at the interruption ends it before the 120 s timeout.
            let (started, signal) = AsyncStream<Void>.makeStream()
            let write = Task {
                try await store.interruptible { db in
                    signal.yield()
                    try db.execute("BEGIN IMMEDIATE")
                }
            }
            for await _ in started { break }
            let clock = ContinuousClock()
            let cancelledAt = clock.now
            write.cancel()
            let result = await write.result
            #expect(clock.now - cancelledAt < .seconds(30), "the 120 s busy timeout was sat out")
            #expect(throws: CancellationError.self) { try result.get() }
            try holder.execute("ROLLBACK")
            holder.close()
            try await store.write(Fixture.batch([Fixture.order("1")], checkpoint: "c1"))
            #expect(try fixture.snapshot().orders == 1)
        }
    }

    /// The busy handler that stops for cancellation still waits the whole busy timeout, and
    /// then gives up with a busy error, when nobody cancels.
    @Test func aLockWaitWithoutCancellationEndsAtTheBusyTimeout() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore(busyTimeout: .milliseconds(400))
            defer { store.close() }
            let holder = try Database(path: fixture.path, options: Database.OpenOptions(busyTimeout: .zero))
            try holder.execute("BEGIN IMMEDIATE")
            let clock = ContinuousClock()
            let started = clock.now
            do {
                try await store.write(Fixture.batch([Fixture.order("1")], checkpoint: "c1"))
                Issue.record("the write went through a held lock")
            } catch let error as SQLiteError {
                #expect(error.isBusy, "\(error)")
            } catch let error as StoreError {
                #expect("\(error)".contains("busy") || "\(error)".contains("locked"), "\(error)")
            }
            #expect(clock.now - started >= .milliseconds(350), "gave up before the busy timeout")
            try holder.execute("ROLLBACK")
            holder.close()
        }
    }

    /// SQLite calls its progress and busy handlers with an unretained context; a statement that
    /// outlives its closed connection (a zombie) must not call into the interrupter any more
    /// (freed, once the `Database` is gone). Here the interrupter is left in its interrupted
    /// state: a handler still hooked would stop the zombie statement.
    @Test func aStatementOutlivingItsDatabaseNoLongerCallsItsHandlers() throws {
        try SQLiteTestDirectory.with { directory in
            let database = try Database(path: directory + "/zombie.db")
            let statement = try database.makeStatement(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) SELECT count(*) FROM c")
            database.interrupter.interrupt(database.interrupter.begin())
            #expect(database.interrupter.isInterrupted)
            database.close()
            #expect(try statement.scalar()?.intValue == 20_000)
        }
    }
}

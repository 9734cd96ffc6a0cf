import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// Opening the database: another application's file is refused untouched, a lock held at
/// start-up is waited out for a bounded time, errors name the file, and closing leaves no WAL.
@Suite("Hostile: opening and closing the database")
struct StoreStartupTests {
    typealias Fixture = DuressDatabase

    /// Another application's SQLite file (rollback journal, an `orders` table of its own).
    static func foreignDatabase(at path: String, userVersion: Int = 0) throws {
        let db = try Database(path: path)
        try db.execute("""
            PRAGMA journal_mode=DELETE;
            CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, secret_notes TEXT);
            INSERT INTO orders (customer) VALUES ('someone else''s data');
            PRAGMA user_version = \(userVersion)
            """)
        db.close()
    }

    static func files(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test(arguments: [0, 2])
    func anotherApplicationsDatabaseIsRefusedUntouched(userVersion: Int) async throws {
        try await Fixture.with { fixture in
            try Self.foreignDatabase(at: fixture.path, userVersion: userVersion)
            let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: fixture.path) }
            let text = error?.description ?? ""
            #expect(text.hasPrefix("database \(fixture.path): not an ordersync database"), "\(text)")
            #expect(!text.contains("\n") && !text.contains("CREATE") && !text.contains("secret_notes"), "\(text)")
            // Not a byte changed, not switched to WAL, no -wal or -shm created.
            #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == before)
            #expect(try Self.files(in: fixture.directory) == ["orders.db"])
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedNamingIt() async throws {
        try await Fixture.with { fixture in
            try Data("not a database, but somebody's notes\n".utf8).write(to: URL(fileURLWithPath: fixture.path))
            let error = #expect(throws: SQLiteError.self) { try SQLiteStore(path: fixture.path) }
            #expect(error?.description.hasPrefix("database \(fixture.path): SQLite error 26") == true, "\(String(describing: error))")
            #expect(try String(contentsOfFile: fixture.path, encoding: .utf8) == "not a database, but somebody's notes\n")
        }
    }

    @Test func openAndWriteErrorsNameTheFile() async throws {
        try await Fixture.with { fixture in
            let missing = fixture.directory + "/no-such-dir/orders.db"
            let error = #expect(throws: SQLiteError.self) { try SQLiteStore(path: missing) }
            #expect(error?.description.hasPrefix("database \(missing): SQLite error 14") == true, "\(String(describing: error))")

            let store = try await fixture.openStore(busyTimeout: .milliseconds(50))
            let locker = try Database(path: fixture.path)
            try locker.execute("BEGIN IMMEDIATE")
            let busy = await #expect(throws: SQLiteError.self) { try await store.write(Fixture.batch([Fixture.order("1")])) }
            #expect(busy?.isBusy == true)
            #expect(busy?.description.hasPrefix("database \(fixture.path): SQLite error 5") == true, "\(String(describing: busy))")
            try locker.execute("ROLLBACK")
        }
    }

    @Test func aLockHeldAtStartUpIsWaitedOutAndLoggedOnce() async throws {
        try await Fixture.with { fixture in
            let locker = try Database(path: fixture.path)
            try locker.execute("BEGIN EXCLUSIVE")
            let lines = LockedBox<[String]>([])
            let logger = Logger(label: "test", sink: .collecting(into: lines))
            let opening = Task {
                try await SQLiteStore.open(
                    path: fixture.path, logger: logger, startupWait: .seconds(20), busyTimeout: .milliseconds(50))
            }
            // Several attempts fail while the lock is held; then it is released. A store that
            // never logs fails here at the deadline instead of hanging the suite.
            try await waitForEvidence("the locked-database notice", timeout: .seconds(60)) { !lines.current.isEmpty }
            // Not evidence, a margin: eight or so more 50 ms attempts, each of which must stay
            // silent for the count below to be one. Shorter only weakens the test, never breaks it.
            try await Task.sleep(for: .milliseconds(400))
            try locker.execute("ROLLBACK")
            let store = try await opening.value
            #expect(try await store.knownSources().isEmpty)
            #expect(lines.current.count == 1, "\(lines.current)")
            #expect(lines.current.first?.contains("database \(fixture.path) is locked by another process; retrying for up to 20 s") == true)
            store.close()
            locker.close()
        }
    }

    @Test func aLockHeldForTheWholeWaitFailsNamingTheFile() async throws {
        try await Fixture.with { fixture in
            let locker = try Database(path: fixture.path)
            try locker.execute("BEGIN EXCLUSIVE")
            defer { locker.close() }
            let error = await #expect(throws: StoreError.self) {
                try await SQLiteStore.open(
                    path: fixture.path, logger: .silent, startupWait: .milliseconds(300), busyTimeout: .milliseconds(50))
            }
            #expect(error?.description.hasPrefix("database \(fixture.path): still locked by another process") == true,
                    "\(String(describing: error))")
        }
    }

    @Test func closingLeavesOneSelfContainedFile() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore()
            try await store.write(Fixture.batch([Fixture.order("1", lines: 2)], checkpoint: "c1"))
            #expect(FileManager.default.fileExists(atPath: fixture.path + "-wal"))
            store.close()
            store.close()
            #expect(try Self.files(in: fixture.directory) == ["orders.db"])
            #expect(try fixture.snapshot().orders == 1)
            // A task still running after the close gets an error, not a crash.
            let error = await #expect(throws: StoreError.self) { try await store.checkpoint(source: Fixture.source, stream: "orders") }
            #expect(error?.description == "database \(fixture.path): used after it was closed (the process is stopping)")
        }
    }

    @Test func storedErrorsAndReasonsAreRedactedAndBounded() async throws {
        try await Fixture.with { fixture in
            let token = "SeCr3t/Tok+en==zq81x"
            let store = try SQLiteStore(path: fixture.path, redactor: Redactor(secrets: [token]))
            try await store.registerSource(name: Fixture.source, dialect: "erp", baseURL: "https://erp.example")
            let echoed = #"{"received":"Bearer SeCr3t\/Tok+en==zq81x"}"# + "\nsecond line" + String(repeating: "x", count: 5_000)
            let run = try await store.beginRun(source: Fixture.source, kind: .poll)
            try await store.finishRun(run, outcome: .failed, requests: 1, ordersUpserted: 0, error: echoed)
            var batch = Fixture.batch([])
            batch.rejected = [RejectedRecord(stream: "orders", reason: "lines[0].note: \"SeCr3t%2FTok%2Ben%3D%3Dzq81x\"", raw: "{}")]
            try await store.write(batch)
            store.close()

            let db = try Database(path: fixture.path, options: .init(readOnly: true, create: false))
            let error = try #require(try db.makeStatement("SELECT error FROM sync_runs").query().first?.string(0))
            let reason = try #require(try db.makeStatement("SELECT reason FROM rejected_records").query().first?.string(0))
            #expect(error.hasPrefix(#"{"received":"Bearer <redacted>"}\nsecond line"#), "\(error)")
            #expect(!error.contains("\n") && error.count <= SQLiteStore.storedTextLimit + 20)
            #expect(reason == #"lines[0].note: "<redacted>""#)
        }
    }
}

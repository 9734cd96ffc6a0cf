import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// The database under the real binary: one daemon per file, closed (no WAL left) on every exit,
/// another application's file refused untouched; and what else a hostile upstream or a careless
/// disk can do: an absurd quantity, a secret file others may read.
@Suite("Hostile: the database and the process (the real binary)")
struct DatabaseLifecycleTests {
    static let token = "kq9-lifecycle-TOKEN-2718"

    /// An erp upstream with one order whose line has `quantity`, or none.
    static func erp(quantity: String?) -> @Sendable (HostileServer.Request) -> HostileServer.Response {
        { request in
            let item = #"{"id":"Q1","ref":"R-Q1","date_order":"2026-11-20","status":"validated","total_incl_tax":"10.00"}"#
            if request.path.hasSuffix("/orders/Q1"), let quantity {
                return .init(json: #"""
                    {"order":{"id":"Q1","ref":"R-Q1","date_order":"2026-11-20","status":"validated","total_incl_tax":"10.00",
                     "lines":[{"id":"L1","quantity":"\#(quantity)","unit_price_excl_tax":"10.00","total_incl_tax":"10.00"}]}}
                    """#)
            }
            let items = quantity == nil || request.query["status"] != nil ? "" : item
            return .init(json: #"{"items":[\#(items)],"pagination":{"page":1,"per_page":100,"total_items":1,"total_pages":1}}"#)
        }
    }

    static func fixture(_ directory: String, server: HostileServer) throws -> HostileFixture {
        let fixture = HostileFixture(directory: directory)
        try fixture.writeSecret(token, file: "erp.token")
        try fixture.writeConfiguration([.init(name: "quiet", baseURL: server.baseURL, auth: #"{"token_file": "erp.token"}"#)])
        return fixture
    }

    @Test func oneDaemonPerDatabaseAndNoWALLeftBehind() async throws {
        let server = try HostileServer(Self.erp(quantity: nil))
        try await withTemporaryDirectory { directory in
            let fixture = try Self.fixture(directory, server: server)
            let once = try await fixture.ordersync("run", "--once")
            #expect(once.status == 0, "\(once.output)")
            #expect(try fixture.databaseFiles() == ["", ".lock"], "run --once closed the database: no -wal, no -shm")

            let daemon = try fixture.start("run")
            let lockPath = fixture.databasePath + ".lock"
            for _ in 0..<500 where (try? String(contentsOfFile: lockPath, encoding: .utf8)) != "\(daemon.pid)\n" {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try String(contentsOfFile: lockPath, encoding: .utf8) == "\(daemon.pid)\n")

            let second = try await fixture.ordersync("run", "--once")
            #expect(second.status == 1)
            #expect(second.output.contains("another ordersync run (pid \(daemon.pid)) holds \(lockPath)"), "\(second.output)")
            // One-shot commands stay allowed beside the daemon.
            let status = try await fixture.ordersync("status")
            #expect(status.status == 0, "\(status.output)")
            let today = Instant.now().dateText(in: ZoneRules.utc)
            let backfill = try await fixture.ordersync("backfill", "--source", "quiet", "--since", today)
            #expect(backfill.status == 0, "\(backfill.output)")

            daemon.signal(SIGTERM)
            #expect(await daemon.wait(timeout: .seconds(15)) == 0, "\(daemon.output)")
            #expect(try fixture.databaseFiles() == ["", ".lock"], "the stopped daemon closed the database")
            let again = try await fixture.ordersync("run", "--once")
            #expect(again.status == 0, "the lock went with the process: \(again.output)")
        }
    }

    @Test func anotherApplicationsDatabaseIsRefusedUntouched() async throws {
        let server = try HostileServer(Self.erp(quantity: nil))
        try await withTemporaryDirectory { directory in
            let fixture = try Self.fixture(directory, server: server)
            let db = try Database(path: fixture.databasePath)
            try db.execute("""
                PRAGMA journal_mode=DELETE;
                CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, total REAL);
                CREATE INDEX orders_customer ON orders (customer);
                INSERT INTO orders (customer, total) VALUES ('theirs', 12.5)
                """)
            db.close()
            let before = try Data(contentsOf: URL(fileURLWithPath: fixture.databasePath))
            for arguments in [["run", "--once"], ["status"], ["backfill", "--all", "--since", "2026-11-01"]] {
                let result = try await fixture.ordersync(arguments)
                #expect(result.status == 1, "\(arguments): \(result.output)")
                let lines = result.output.split(separator: "\n")
                #expect(lines.count == 1 && lines[0].hasPrefix("Error: database \(fixture.databasePath): not an ordersync database"),
                        "\(arguments): \(result.output)")
                #expect(!result.output.contains("CREATE"))
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.databasePath)) == before, "not a byte changed")
            #expect(try fixture.databaseFiles() == ["", ".lock"], "no WAL switch, no -wal or -shm")
            #expect(server.requests.isEmpty)
        }
    }

    @Test(arguments: ["1e-400", "1e400"])
    func aQuantityADoubleCannotHoldIsARejectedRecord(quantity: String) async throws {
        let server = try HostileServer(Self.erp(quantity: quantity))
        try await withTemporaryDirectory { directory in
            let fixture = try Self.fixture(directory, server: server)
            let run = try await fixture.ordersync("run", "--once")
            #expect(run.status == 0, "\(run.output)")
            #expect(try fixture.query("SELECT CAST(count(*) AS TEXT) FROM orders") == [["0"]])
            let reasons = try fixture.query("SELECT reason FROM rejected_records").compactMap { $0[0] }
            #expect(reasons == [#"lines[0].quantity: "\#(quantity)" is out of range for a quantity"#], "\(reasons)")
            #expect(try fixture.query("SELECT CAST(count(*) AS TEXT) FROM order_lines") == [["0"]])
        }
    }

    @Test func aTokenFileOthersMayReadIsWarnedAboutOnce() async throws {
        let server = try HostileServer(Self.erp(quantity: nil))
        try await withTemporaryDirectory { directory in
            let fixture = try Self.fixture(directory, server: server)
            chmod(directory + "/erp.token", 0o644)
            for arguments in [["check-config"], ["run", "--once"]] {
                let result = try await fixture.ordersync(arguments)
                #expect(result.status == 0, "\(result.output)")
                let warnings = result.output.split(separator: "\n").filter { $0.contains("WARNING") }
                #expect(warnings.count == 1, "\(arguments): \(result.output)")
                #expect(warnings.first?.contains(
                    "sources[0].auth.token_file: the secret file \(directory)/erp.token is accessible to group or others (mode 644)") == true,
                    "\(arguments): \(result.output)")
                #expect(!result.output.contains(Self.token))
            }
        }
    }
}

import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// `demo --database` and `simulate --write-config` never replace a file they did not write.
/// Run through the binary users run (`OrderSyncProcess.binary`): the guard once judged every
/// file absent in that binary while the same code, run inside the test process (which loads
/// Foundation), worked.
@Suite("Overwrite guard, through the binary")
struct OverwriteGuardTests {
    @Test("demo --database refuses a text file, another application's SQLite database and a production copy")
    func demoRefusesForeignFiles() async throws {
        try await withTemporaryDirectory { directory in
            let text = directory + "/precious.db"
            try Data("my notes, not a database\n".utf8).write(to: URL(fileURLWithPath: text))
            let other = directory + "/other-app.db"
            let database = try Database(path: other)
            try database.execute("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')")
            database.close()
            let production = directory + "/prod-copy.db"
            try await SQLiteStore(path: production).registerSource(name: "acme-erp", dialect: "erp", baseURL: "https://erp.acme.example")

            for (path, reason) in [(text, "is not a database `demo` wrote"), (other, "is not a database `demo` wrote"), (production, "acme-erp")] {
                let before = try Data(contentsOf: URL(fileURLWithPath: path))
                let demo = try await OrderSyncProcess.run(["demo", "--orders", "5", "--database", path], directory: directory)
                #expect(demo.status == 1, "\(demo.output)")
                #expect(demo.output.contains(reason) && demo.output.contains("--force"), "\(demo.output)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(path) untouched")
            }
            let rows = try Database(path: other, options: Database.OpenOptions(readOnly: true, create: false))
                .makeStatement("SELECT body FROM notes").query().map { $0.string(0) }
            #expect(rows == ["keep me"])

            // --force replaces, and a database demo wrote is replaced without a word.
            #expect(try await OrderSyncProcess.run(["demo", "--orders", "5", "--database", text, "--force"], directory: directory).status == 0)
            #expect(try await OrderSyncProcess.run(["demo", "--orders", "5", "--database", text], directory: directory).status == 0)
        }
    }

    @Test("simulate --write-config refuses {} and a hand-edited configuration")
    func simulateRefusesForeignConfigs() async throws {
        try await withTemporaryDirectory { directory in
            let empty = directory + "/other.json"
            try Data("{}".utf8).write(to: URL(fileURLWithPath: empty))
            let edited = directory + "/edited.json"
            // A configuration of simulator sources given a metrics block by hand: the operator's now.
            let config = #"{"database": "x.db", "metrics": {"listen": "127.0.0.1:9464"}, "sources": [{"name": "sim-erp", "dialect": "erp", "base_url": "http://127.0.0.1:8700/erp", "auth": {"token": "t"}}]}"#
            try Data(config.utf8).write(to: URL(fileURLWithPath: edited))
            for path in [empty, edited] {
                let before = try Data(contentsOf: URL(fileURLWithPath: path))
                let simulate = try await OrderSyncProcess.run(["simulate", "--port", "0", "--write-config", path], directory: directory)
                #expect(simulate.status == 1, "\(simulate.output)")
                #expect(simulate.output.contains("--force"), "\(simulate.output)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(path) untouched")
            }
        }
    }
}

import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncTesting
import Testing

/// `docs/reporting.md` is run, not just read: every ```sql block is executed with the `sqlite3`
/// shell (`-markdown`) on the demo database the page names, and its output must be the table
/// printed under it. `ORDERSYNC_UPDATE_DOCS=1 swift test --filter ReportingDocsTests` rewrites
/// the tables after a deliberate change. `docs/datasette-metadata.json` must describe every
/// table and view (and only existing columns), and datasette must load it.
@Suite("reporting docs", .serialized)
struct ReportingDocsTests {
    /// What the page says its outputs come from.
    static let demoArguments = ["demo", "--now", "2026-10-31T12:00:00Z"]
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var page: URL { root.appendingPathComponent("docs/reporting.md") }
    static var metadata: URL { root.appendingPathComponent("docs/datasette-metadata.json") }

    /// Builds the demo database the way the page says, in a temporary directory: with the
    /// product binary, whose dialects are the five the page shows (this test process may also
    /// have the test-only sixth registered).
    static func withDemoDatabase(_ body: (String) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/ordersync-demo.db"
            let demo = try OrderSyncProcess(demoArguments + ["--database", path], directory: directory)
            #expect(await demo.wait(timeout: .seconds(120)) == 0, "\(demo.output)")
            try await body(path)
        }
    }

    /// One example: the query and the lines of the table under it.
    struct Example {
        var query: String
        var expected: [String]
        /// The lines of the page the expected output occupies (to rewrite it).
        var outputLines: Range<Int>
        /// Output that depends on the wall clock: only its header is compared.
        var columnsOnly: Bool { query.contains("-- output depends on the clock") }
    }

    static func examples(in lines: [String]) -> [Example] {
        var examples: [Example] = []
        var index = 0
        while index < lines.count {
            guard lines[index] == "```sql" else { index += 1; continue }
            var query: [String] = []
            index += 1
            while index < lines.count, lines[index] != "```" { query.append(lines[index]); index += 1 }
            index += 1
            var start = index
            while start < lines.count, lines[start].isEmpty { start += 1 }
            var end = start
            while end < lines.count, lines[end].hasPrefix("|") || lines[end] == "*(no rows)*" { end += 1 }
            let expected = lines[start..<end].filter { $0 != "*(no rows)*" }
            examples.append(Example(query: query.joined(separator: "\n"), expected: Array(expected), outputLines: start..<end))
            index = end
        }
        return examples
    }

    @Test("every query of docs/reporting.md prints the table shown under it")
    func pageQueriesMatchTheirOutput() async throws {
        guard let sqlite3 = Self.executable("sqlite3") else {
            Issue.record("the sqlite3 shell is not installed: run scripts/setup")
            return
        }
        try await Self.withDemoDatabase { database in
            var lines = try String(contentsOf: Self.page, encoding: .utf8).components(separatedBy: "\n")
            let examples = Self.examples(in: lines)
            #expect(examples.count >= 8, "docs/reporting.md has only \(examples.count) examples")
            let update = ProcessInfo.processInfo.environment["ORDERSYNC_UPDATE_DOCS"] == "1"
            for example in examples.reversed() {
                let result = try Self.run(sqlite3, ["-readonly", "-markdown", database], input: example.query)
                #expect(result.status == 0, "\(example.query)\n\(result.output)")
                let actual = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    .filter { !$0.isEmpty }
                if update, result.status == 0 {
                    // A first run inserts the table, and the blank line Markdown needs after it.
                    let table = actual.isEmpty ? ["*(no rows)*"] : actual
                    lines.replaceSubrange(example.outputLines, with: example.outputLines.isEmpty ? table + [""] : table)
                } else if example.columnsOnly {
                    #expect(actual.first == example.expected.first, "\(example.query)")
                } else {
                    #expect(actual == example.expected, "\(example.query)\n--- printed:\n\(actual.joined(separator: "\n"))")
                }
            }
            if update { try lines.joined(separator: "\n").write(to: Self.page, atomically: true, encoding: .utf8) }
        }
    }

    static func describedTables() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: Self.metadata)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let databases = try #require(document["databases"] as? [String: Any])
        let described = try #require(databases["ordersync-demo"] as? [String: Any])
        return try #require(described["tables"] as? [String: [String: Any]])
    }

    /// datasette itself, or pip to install it into `.build/reporting-tools` (`datasette()`).
    static let datasetteTool = RequiredTool("datasette, or pip to install it", at: ["datasette", "pip3", "pip"],
                                            installedBy: "scripts/setup installs the Debian package python3-pip")

    @Test("datasette-metadata.json describes every table and view of the schema")
    func datasetteMetadata() async throws {
        let tables = try Self.describedTables()
        try await Self.withDemoDatabase { database in
            let db = try Database(path: database, options: Database.OpenOptions(readOnly: true, create: false))
            let names = try db.makeStatement("""
                SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name
                """).query().compactMap { $0.string(0) }
            #expect(Set(tables.keys) == Set(names), "described: \(tables.keys.sorted()), in the database: \(names)")
            for (name, table) in tables {
                #expect((table["description"] as? String)?.isEmpty == false, "\(name) has no description")
                let columns = Set(try db.makeStatement("SELECT name FROM pragma_table_info(?1)").query(name).compactMap { $0.string(0) })
                for column in (table["columns"] as? [String: String] ?? [:]).keys {
                    #expect(columns.contains(column), "\(name).\(column) is described but does not exist")
                }
            }
        }
    }

    @Test("datasette loads datasette-metadata.json and shows its descriptions", ReportingDocsTests.datasetteTool.trait)
    func datasetteLoadsMetadata() async throws {
        try Self.datasetteTool.require()
        let tables = try Self.describedTables()
        try await Self.withDemoDatabase { database in
            let datasette = try #require(Self.datasette(), "pip could not install datasette into .build/reporting-tools (no network?)")
            let loaded = try Self.run(datasette.command, datasette.arguments + [database, "--metadata", Self.metadata.path, "--get", "/-/metadata.json"],
                                      environment: datasette.environment)
            #expect(loaded.status == 0, "\(loaded.output)")
            let served = try JSONSerialization.jsonObject(with: Data(loaded.output.utf8)) as? [String: Any]
            #expect(((served?["databases"] as? [String: Any])?["ordersync-demo"] as? [String: Any])?["tables"] != nil, "\(loaded.output)")
            let page = try Self.run(datasette.command, datasette.arguments + [database, "--metadata", Self.metadata.path, "--get", "/ordersync-demo/order_reconciliation"],
                                    environment: datasette.environment)
            let description = try #require(tables["order_reconciliation"]?["description"] as? String)
            #expect(page.status == 0 && page.output.contains(String(description.prefix(30))), "\(page.output.prefix(2000))")
        }
    }

    // MARK: - Tools

    static func executable(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// `datasette` from PATH, else one installed with pip into `.build/reporting-tools` (once).
    static func datasette() -> (command: String, arguments: [String], environment: [String: String])? {
        if let path = executable("datasette") { return (path, [], [:]) }
        guard let python = executable("python3") else { return nil }
        let target = root.appendingPathComponent(".build/reporting-tools").path
        let environment = ["PYTHONPATH": target]
        if !FileManager.default.fileExists(atPath: target + "/datasette") {
            guard let install = try? run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", target, "datasette"]),
                  install.status == 0 else { return nil }
        }
        return (python, ["-m", "datasette"], environment)
    }

    struct Result { var status: Int32; var output: String }

    static func run(_ command: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}

import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCLI

/// `ordersync datasette-metadata`: the metadata of `docs/datasette-metadata.json` keyed for any
/// database name, checked with the real datasette (`pip install datasette`; `scripts/setup
/// --tests` installs it). Without datasette the datasette test is a visible skip, and with
/// `CI=true` it runs and fails, since CI must have every tool.
@Suite("datasette metadata", .serialized)
struct DatasetteMetadataTests {
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let datasette = ReportingDocsTests.executable("datasette")

    @Test("the docs file is the command's output for the demo database's name")
    func docsFileIsTheCommandsOutput() async throws {
        try await withTemporaryDirectory { directory in
            let process = try OrderSyncProcess(["datasette-metadata", "--name", "ordersync-demo"], directory: directory)
            #expect(await process.wait(timeout: .seconds(60)) == 0, "\(process.output)")
            let file = try String(contentsOf: ReportingDocsTests.metadata, encoding: .utf8)
            #expect(process.output == file, "regenerate: ordersync datasette-metadata --name ordersync-demo > docs/datasette-metadata.json")
            // A name that needs escaping stays valid JSON, keyed exactly by it.
            let odd = try OrderSyncProcess(["datasette-metadata", "--name", #"shop "eu"\2026"#], directory: directory)
            #expect(await odd.wait(timeout: .seconds(60)) == 0, "\(odd.output)")
            let document = try JSONSerialization.jsonObject(with: Data(odd.output.utf8)) as? [String: Any]
            #expect((document?["databases"] as? [String: Any])?.keys.sorted() == [#"shop "eu"\2026"#])
        }
    }

    @Test("datasette's name for a file: the file name without its last extension")
    func databaseNames() {
        #expect(DatasetteMetadata.databaseName(ofFile: "/var/lib/ordersync/orders.db") == "orders")
        #expect(DatasetteMetadata.databaseName(ofFile: "acme.orders.sqlite3") == "acme.orders")
        #expect(DatasetteMetadata.databaseName(ofFile: "relative/orders") == "orders")
        #expect(DatasetteMetadata.databaseName(ofFile: ".orders") == ".orders")
    }

    @Test("datasette applies the metadata to a database of another file name, named by the configuration",
          .enabled(if: datasette != nil || isCI, "datasette is not installed (pip install datasette, or scripts/setup --tests)"))
    func datasetteAppliesIt() async throws {
        guard let datasette = Self.datasette else {
            Issue.record("datasette is not installed, and CI=true: scripts/setup --tests must install it (pip install datasette)")
            return
        }
        try await withTemporaryDirectory { directory in
            let database = directory + "/acme-orders.sqlite3"
            let demo = try OrderSyncProcess(["demo", "--orders", "5", "--now", "2026-10-31T12:00:00Z", "--database", database],
                                            directory: directory)
            #expect(await demo.wait(timeout: .seconds(120)) == 0, "\(demo.output)")
            let config = directory + "/config.json"
            try Data(#"""
                {"database": "\#(database)", "sources": [{"name": "a", "dialect": "erp", "base_url": "https://erp.example", "auth": {"token": "t"}}]}
                """#.utf8).write(to: URL(fileURLWithPath: config))
            let command = try OrderSyncProcess(["datasette-metadata", "--config", config], directory: directory)
            #expect(await command.wait(timeout: .seconds(60)) == 0, "\(command.output)")
            let metadata = directory + "/metadata.json"
            try Data(command.output.utf8).write(to: URL(fileURLWithPath: metadata))

            let description = "Per order: its total against the sum of its lines"
            func page(_ metadataFile: String) throws -> ReportingDocsTests.Result {
                try ReportingDocsTests.run(datasette, [database, "--metadata", metadataFile, "--get", "/acme-orders/order_reconciliation"])
            }
            let served = try ReportingDocsTests.run(datasette, [database, "--metadata", metadata, "--get", "/-/metadata.json"])
            #expect(served.status == 0, "\(served.output)")
            let document = try JSONSerialization.jsonObject(with: Data(served.output.utf8)) as? [String: Any]
            #expect((document?["databases"] as? [String: Any])?.keys.sorted() == ["acme-orders"], "\(served.output.prefix(500))")
            let shown = try page(metadata)
            #expect(shown.status == 0 && shown.output.contains(description), "\(shown.output.prefix(1500))")
            // The file keyed for the demo's name does not apply here: what the command is for.
            let docs = try page(ReportingDocsTests.metadata.path)
            #expect(docs.status == 0 && !docs.output.contains(description), "\(docs.output.prefix(1500))")
        }
    }
}

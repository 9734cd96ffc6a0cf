import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// The PostgreSQL store across a server restart that happens while it is idle (between two
/// polls): its sessions notice the dropped connections before using them, so the first reads
/// and writes after the restart succeed instead of failing once per session.
@Suite("PostgreSQL store reconnects", .serialized, PostgresTestCluster.isRequired)
struct PostgresReconnectTests {
    @Test("after a restart while idle, the first read and the first write succeed")
    func restartWhileIdle() async throws {
        let cluster = try PostgresTestCluster.start()
        defer { cluster.stopAndRemove() }
        let uri = try cluster.makeDatabase()
        let store = try await PostgresStore.open(uri: uri.description, logger: Logger(label: "test", level: .warning, sink: .discard))
        defer { store.close() }
        // Both sessions connected: the writer by the migration, the reader by a read.
        #expect(try await store.checkpoint(source: "sim-erp", stream: "orders") == nil)

        try cluster.stopServer()
        try cluster.startServer()
        #expect(try await store.checkpoint(source: "sim-erp", stream: "orders") == nil, "the reader reconnected first")
        #expect(try await store.closeAbandonedRuns() == 0, "the writer reconnected first")
    }

    @Test("a connection the server dropped while idle says so before it is used; a live one does not")
    func droppedWhileIdle() throws {
        let cluster = try PostgresTestCluster.start()
        defer { cluster.stopAndRemove() }
        let uri = try cluster.makeDatabase()
        let connection = try PostgresConnection.connect(uri, settings: PostgresSessionSettings(role: "tests"))
        defer { connection.close() }
        try connection.execute("SELECT 1")
        #expect(!connection.isDroppedWhileIdle)
        try cluster.stopServer()
        #expect(connection.isDroppedWhileIdle)
    }
}

import Foundation
import OrderSyncCLI
@testable import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// One order whose detail the upstream garbles (invalid UTF-8, or not JSON at all) becomes a
/// rejected record with the reason; the rest of the page, and the source, go on.
@Suite("Trust: an undecodable record")
struct UndecodableRecordTests {
    /// The real upstream, except that one order's detail answers `body`.
    final class GarblingTransport: HTTPTransport {
        let base: any HTTPTransport
        let victimPath: String
        let body: [UInt8]
        let status: Int

        /// `victimPath` "/" garbles every detail (`/obapi/v1/orders/…`).
        init(victimPath: String, body: [UInt8], status: Int = 200, base: any HTTPTransport = CurlTransport.shared) {
            (self.victimPath, self.body, self.status, self.base) = (victimPath, body, status, base)
        }

        func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> OrderSyncCore.HTTPResponse {
            let path = request.url?.path ?? ""
            let hit = victimPath == "/" ? path.contains("/obapi/v1/orders/") : path.hasSuffix(victimPath)
            if hit {
                return OrderSyncCore.HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
            }
            return try await base.perform(request, limits: limits)
        }
    }

    @Test("invalid UTF-8 or garbage in one detail rejects that order alone", arguments: [
        Array(#"{"order": {"id": "x\#u{00}"#.utf8) + [0xFF, 0xFE] + Array(#""}}"#.utf8),
        Array("<html>oops</html>".utf8),
    ])
    func garbledDetail(_ body: [UInt8]) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            let victim = try #require(harness.simulator.snapshot(of: .erp).map(\.id).sorted().first)
            let transport = GarblingTransport(victimPath: "/obapi/v1/orders/\(victim)", body: body)
            let sync = try #require(try await harness.environment(transport: transport).sync(named: "sim-erp"))
            let report = await sync.poll()
            #expect(report.outcome == .ok, "\(report.error ?? "")")
            // The open-order refresh may meet it again in the same poll (a row per stream): one record all the same.
            #expect(report.written.rejected >= 1)
            let rejectedRecords = try await SQLiteStore(path: harness.databasePath).withDatabase { db in
                try db.makeStatement("SELECT count(DISTINCT raw) FROM rejected_records WHERE source = 'sim-erp'").scalar()?.intValue
            }
            #expect(rejectedRecords == 1)
            let stored = try DatasetComparison.count("orders", database: harness.databasePath, source: "sim-erp")
            #expect(stored == harness.simulator.snapshot(of: .erp).count - 1)
            let reason = try await SQLiteStore(path: harness.databasePath).withDatabase { db in
                try db.makeStatement("SELECT reason FROM rejected_records WHERE source = 'sim-erp'").scalar()?.stringValue
            }
            #expect(reason?.contains("order \(victim)") == true && reason?.contains("not JSON") == true, "\(reason ?? "nil")")

            // Once the upstream serves it properly, verify --repair brings it in.
            let healthy = try #require(try await harness.environment().sync(named: "sim-erp"))
            #expect(await healthy.verify(repair: true).isEqual)
            #expect(try harness.differences("erp") == [])
        }
    }

    @Test("one order whose detail always answers 503 is deferred; it never stalls the source")
    func oneDetailAlwaysDown() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            let victim = try #require(harness.simulator.snapshot(of: .erp).map(\.id).sorted().last)
            let transport = GarblingTransport(victimPath: "/obapi/v1/orders/\(victim)", body: Array(#"{"error":"down"}"#.utf8), status: 503)
            let sync = try #require(try await harness.environment(transport: transport).sync(named: "sim-erp"))
            for _ in 0..<3 {
                let report = await sync.poll()
                #expect(report.outcome == .ok, "\(report.error ?? "")")
            }
            #expect(try DatasetComparison.count("deferred_records", database: harness.databasePath, source: "sim-erp") == 1)
            #expect(try DatasetComparison.count("orders", database: harness.databasePath, source: "sim-erp")
                    == harness.simulator.snapshot(of: .erp).count - 1)
        }
    }

    @Test("a detail endpoint that refuses every order fails the page; nothing is rejected, no cursor moves")
    func detailEndpointMoved() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            // 422, not 404: a 404 means the order is gone upstream and never fails a page (issue 16);
            // an endpoint that refuses every detail for another reason does.
            let transport = GarblingTransport(victimPath: "/", body: Array(#"{"error":"unprocessable"}"#.utf8), status: 422)
            let sync = try #require(try await harness.environment(transport: transport).sync(named: "sim-erp"))
            let report = await sync.poll()
            #expect(report.outcome == .failed)
            #expect(report.error?.contains("every detail request of the page was refused") == true, "\(report.error ?? "no error")")
            #expect(try DatasetComparison.count("rejected_records", database: harness.databasePath, source: "sim-erp") == 0)
            #expect(try await SQLiteStore(path: harness.databasePath).checkpoint(source: "sim-erp", stream: "orders") == nil)
        }
    }
}

import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// Issue 16 F: `verify` checks what the analyst reads. A stored canonical `status` that is not
/// what the current `status_map` makes of the upstream's status is a difference, even when the
/// raw status agrees; `--repair` fixes it and records it in the status history.
@Suite("Trust: verify compares the canonical status (the real binary)")
struct VerifyCanonicalStatusTests {
    @Test("a damaged canonical status, and a status_map changed since the orders were stored")
    func canonicalStatus() async throws {
        try await withTemporaryDirectory { directory in
            let firstDay = Day.today - 21
            let upstream = ERPUpstream(count: 30, firstDay: firstDay, dayCount: 20)
            let server = try HostileUpstream(handler: upstream.respond)
            defer { server.stop() }
            let source = TrustFixture.source("erp", "erp", server, ["start_date": Day.text(firstDay), "page_size": 25])
            let fixture = try TrustFixture(directory: directory, sources: [source])
            let sync = try await fixture.run(["run", "--once"])
            try #require(sync.status == 0, "\(sync.output.suffix(1_500))")

            // A delivered (terminal) order the polls never read again; its raw status still agrees.
            let damaged = 100_002
            try #require(upstream.status(damaged) == "delivered")
            try fixture.tamper("UPDATE orders SET status = 'cancelled' WHERE source = 'erp' AND order_id = ?", "\(damaged)")
            func history(_ id: Int) throws -> [String] {
                try fixture.texts("SELECT status FROM order_status_history WHERE source = 'erp' AND order_id = ? ORDER BY rowid", "\(id)")
            }
            let historyBefore = try history(damaged)

            let found = try await fixture.run(["verify", "--json"])
            #expect(found.status == 1, "\(found.output.suffix(1_500))")
            let report = try #require(VerifyRepairBinaryTests.sources(found.output)?["erp"], "\(found.output.suffix(1_500))")
            #expect(report["status_differs"] as? Int == 1, "\(report)")

            let repair = try await fixture.run(["verify", "--repair"])
            #expect(repair.status == 0, "\(repair.output.suffix(1_500))")
            #expect(try fixture.texts("SELECT status FROM orders WHERE source = 'erp' AND order_id = ?", "\(damaged)") == ["completed"])
            #expect(try history(damaged) == historyBefore + ["completed"], "the repair is in the history")
            #expect(try await fixture.run(["verify"]).status == 0, "equal after the repair")

            // The status_map changes after the orders were stored: delivered now maps to cancelled.
            let delivered = upstream.allIDs.filter { upstream.status($0) == "delivered" }.map(String.init)
            var mapped = source
            mapped["status_map"] = ["delivered": "cancelled"]
            _ = try TrustFixture(directory: directory, sources: [mapped])
            let changed = try await fixture.run(["verify", "--json"])
            #expect(changed.status == 1, "\(changed.output.suffix(1_500))")
            #expect(VerifyRepairBinaryTests.sources(changed.output)?["erp"]?["status_differs"] as? Int == delivered.count,
                    "\(changed.output.suffix(1_500))")
            #expect(try await fixture.run(["verify", "--repair"]).status == 0)
            for id in delivered {
                #expect(try fixture.texts("SELECT status FROM orders WHERE source = 'erp' AND order_id = ?", id) == ["cancelled"], "order \(id)")
            }
            #expect(try await fixture.run(["verify"]).status == 0)
        }
    }
}

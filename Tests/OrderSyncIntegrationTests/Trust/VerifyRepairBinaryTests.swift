import Foundation
import OrderSyncTesting
import Testing

/// Issue 7 D and E: `ordersync verify [--source NAME | --all] [--repair] [--json]` compares the
/// order ids and statuses upstream with the database (exit 0 equal, 1 not, naming the source);
/// `--repair` re-syncs what differs, flags orders gone upstream with `deleted_upstream_at`
/// (never deleting them) and clears the flag when an order comes back.
@Suite("Trust: verify and repair (the real binary)")
struct VerifyRepairBinaryTests {
    /// `YYYY-MM-DDTHH:MM:SSZ`, the schema's UTC text.
    static func isTimestamp(_ text: String) -> Bool {
        text.wholeMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/#) != nil
    }

    @Test("orders deleted upstream, rows deleted and statuses changed in the database: verify finds them, --repair restores them")
    func verifyAndRepair() async throws {
        try await withTemporaryDirectory { directory in
            let firstDay = Day.today - 21
            let drifted = ERPUpstream(count: 60, firstDay: firstDay, dayCount: 20)
            let tidy = ERPUpstream(count: 30, firstDay: firstDay, dayCount: 20)
            let driftedServer = try HostileUpstream(handler: drifted.respond)
            let tidyServer = try HostileUpstream(handler: tidy.respond)
            defer { driftedServer.stop(); tidyServer.stop() }
            let fixture = try TrustFixture(directory: directory, sources: [
                TrustFixture.source("drifted-erp", "erp", driftedServer, ["start_date": Day.text(firstDay), "page_size": 25]),
                TrustFixture.source("tidy-erp", "erp", tidyServer, ["start_date": Day.text(firstDay), "page_size": 25]),
            ])
            let sync = try await fixture.run(["run", "--once"])
            try #require(sync.status == 0, "\(sync.output.suffix(1_500))")
            try #require(try fixture.orderIDs("drifted-erp") == drifted.ids)
            // Timestamps have whole seconds, and verify (rightly) does not call an order gone
            // that was first seen in the second it started: no operator verifies that fast.
            try await Task.sleep(for: .milliseconds(1_100))

            // (a) Gone upstream: one open order and one delivered (terminal) one.
            let goneUpstream: Set<Int> = [100_003, 100_007]
            for id in goneUpstream { drifted.delete(id) }
            // (b) Rows deleted behind the daemon's back, with their lines.
            for id in [100_011, 100_014] {
                try fixture.tamper("DELETE FROM order_lines WHERE source = 'drifted-erp' AND order_id = ?", "\(id)")
                try fixture.tamper("DELETE FROM orders WHERE source = 'drifted-erp' AND order_id = ?", "\(id)")
            }
            // (c) Statuses changed in the database, including orders in a terminal status, which
            // the erp polls never look at again.
            let changed: [(id: Int, status: String, raw: String)] = [
                (100_021, "completed", "delivered"), (100_022, "cancelled", "cancelled"), (100_024, "completed", "delivered"),
            ]
            for change in changed {
                try fixture.tamper("UPDATE orders SET status = ?, status_raw = ? WHERE source = 'drifted-erp' AND order_id = ?",
                                   change.status, change.raw, "\(change.id)")
            }
            #expect(["validated", "delivered", "cancelled"] == changed.map { drifted.status($0.id) }, "an open and two terminal orders")

            // verify: not equal, exit 1, naming the source. erp lists carry ids and statuses, so
            // verify reads list pages; the only detail requests allowed are lookups that confirm
            // an order missing from the lists is really gone.
            let logBefore = driftedServer.requestCount
            let found = try await fixture.run(["verify"])
            #expect(found.status == 1, "\(found.output.suffix(2_000))")
            #expect(found.output.contains("drifted-erp"), "names the source that differs: \(found.output.suffix(2_000))")
            let detailPaths = Set(goneUpstream.map { "\(ERPUpstream.listPath)/\($0)" })
            let verifyDetails = driftedServer.requestLog.dropFirst(logBefore)
                .compactMap { $0.split(separator: " ").last.map(String.init) }.filter(ERPUpstream.isDetail)
            #expect(verifyDetails.allSatisfy(detailPaths.contains) && verifyDetails.count <= 2 * detailPaths.count,
                    "verify reads list pages; details only to confirm a deletion: \(verifyDetails)")

            let json = try await fixture.run(["verify", "--json", "--all"])
            #expect(json.status == 1, "\(json.output.suffix(2_000))")
            let report = try #require(Self.sources(json.output), "verify --json prints {\"sources\": [...]}: \(json.output.suffix(2_000))")
            let driftedReport = try #require(report["drifted-erp"])
            #expect(driftedReport["equal"] as? Bool == false)
            #expect(driftedReport["missing_here"] as? Int == 2, "\(driftedReport)")
            #expect(driftedReport["gone_upstream"] as? Int == 2, "\(driftedReport)")
            #expect(driftedReport["status_differs"] as? Int == 3, "\(driftedReport)")
            #expect(report["tidy-erp"]?["equal"] as? Bool == true, "\(report["tidy-erp"] ?? [:])")

            let onlyTidy = try await fixture.run(["verify", "--source", "tidy-erp"])
            #expect(onlyTidy.status == 0, "--source checks that source alone: \(onlyTidy.output.suffix(1_500))")

            // --repair: equal again, nothing hard-deleted, exactly the orders gone upstream flagged.
            let repair = try await fixture.run(["verify", "--repair", "--source", "drifted-erp"])
            #expect(repair.status == 0, "\(repair.output.suffix(2_000))")
            let everyID = Set(drifted.allIDs.map(String.init))
            #expect(TrustFixture.difference(try fixture.orderIDs("drifted-erp"), everyID) == nil, "every row back, none deleted")
            #expect(TrustFixture.difference(try fixture.orderIDsWithLines("drifted-erp"), everyID) == nil, "with their lines")
            for id in drifted.allIDs {
                let raw = try fixture.texts("SELECT status_raw FROM orders WHERE source = 'drifted-erp' AND order_id = ?", "\(id)")
                #expect(raw == [drifted.status(id)], "order \(id): status restored")
            }
            let flagged = try fixture.texts(
                "SELECT order_id FROM orders WHERE source = 'drifted-erp' AND deleted_upstream_at IS NOT NULL")
            #expect(Set(flagged) == Set(goneUpstream.map(String.init)), "exactly the orders gone upstream are flagged")
            for stamp in try fixture.texts("SELECT deleted_upstream_at FROM orders WHERE deleted_upstream_at IS NOT NULL") {
                #expect(Self.isTimestamp(stamp), "UTC text: \(stamp)")
            }

            let again = try await fixture.run(["verify"])
            #expect(again.status == 0, "equal after the repair: \(again.output.suffix(2_000))")

            // An order that comes back upstream loses its flag at the next repair.
            drifted.restore(100_003)
            let back = try await fixture.run(["verify", "--repair"])
            #expect(back.status == 0, "\(back.output.suffix(2_000))")
            #expect(try fixture.texts("SELECT order_id FROM orders WHERE source = 'drifted-erp' AND deleted_upstream_at IS NOT NULL") == ["100007"])
            let last = try await fixture.run(["verify", "--json"])
            #expect(last.status == 0, "\(last.output.suffix(2_000))")
            #expect(Self.sources(last.output)?["drifted-erp"]?["equal"] as? Bool == true)
        }
    }

    /// The per-source objects of `verify --json`, by source name.
    static func sources(_ output: String) -> [String: [String: Any]]? {
        // stdout and stderr share one file: the document starts on a line beginning with "{"
        // and ends on the last line ending with "}"; log lines around it are skipped.
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("{") }),
              let last = lines.lastIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasSuffix("}") }), first <= last,
              let object = try? JSONSerialization.jsonObject(with: Data(lines[first...last].joined(separator: "\n").utf8)) as? [String: Any],
              let list = object["sources"] as? [[String: Any]]
        else { return nil }
        var result: [String: [String: Any]] = [:]
        for entry in list {
            if let name = entry["source"] as? String { result[name] = entry }
        }
        return result
    }
}

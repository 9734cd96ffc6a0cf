import Foundation
import OrderSyncTesting
import Testing

/// Issue 7 C: a checkpoint that does not decode fails the run with a message naming the source,
/// the stream and the bad value; it is never silently taken for "no checkpoint".
@Suite("Trust: a corrupted checkpoint fails loudly (the real binary)")
struct CorruptCheckpointTests {
    static let garbage = [#"{"synced_through": "yesterday-ish"}"#, "not json at all"]

    @Test("run --once after a hand-broken sync_state.cursor exits non-zero and says where", arguments: garbage)
    func corruptedCursor(cursor: String) async throws {
        try await withTemporaryDirectory { directory in
            let firstDay = Day.today - 21
            let data = ERPUpstream(count: 40, firstDay: firstDay, dayCount: 20)
            let server = try HostileUpstream(handler: data.respond)
            defer { server.stop() }
            let fixture = try TrustFixture(directory: directory, sources: [
                TrustFixture.source("handedited-erp", "erp", server, ["start_date": Day.text(firstDay)]),
            ])
            let first = try await fixture.run(["run", "--once"])
            try #require(first.status == 0, "\(first.output.suffix(1_500))")
            try #require(try fixture.count("SELECT count(*) FROM sync_state WHERE source = 'handedited-erp' AND stream = 'orders'") == 1)

            try fixture.tamper("UPDATE sync_state SET cursor = ? WHERE source = 'handedited-erp' AND stream = 'orders'", cursor)
            let second = try await fixture.run(["run", "--once"])
            #expect(second.status != 0 && second.status != nil, "a checkpoint that does not decode must fail the run: \(second.output.suffix(1_500))")
            // One line says it all: which source, which stream, which value.
            let badValue = cursor.contains("yesterday-ish") ? "yesterday-ish" : cursor
            let saying = second.output.split(separator: "\n").filter { $0.contains(badValue) }
            #expect(saying.contains { $0.contains("handedited-erp") && $0.contains("orders") },
                    "a line names the source, the stream (orders) and the bad value; lines with the value: \(saying)\n\(second.output.suffix(1_500))")
            #expect(try fixture.texts("SELECT cursor FROM sync_state WHERE source = 'handedited-erp' AND stream = 'orders'") == [cursor],
                    "the bad checkpoint is left for the operator to fix, not silently replaced")
        }
    }
}

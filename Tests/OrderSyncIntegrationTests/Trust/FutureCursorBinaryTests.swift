import Foundation
import OrderSyncTesting
import Testing

/// Issue 8 C against an upstream written here, through the real binary: a cursor in the future
/// (the clock was once ahead) must never send an inverted window (`date_start` after `date_end`)
/// and report "ok" while reading nothing; the lookback behind now is read as usual.
@Suite("Trust: a cursor in the future (the real binary)")
struct FutureCursorBinaryTests {
    @Test("erp: no inverted window, the lookback is read again, the warning names the stream and value")
    func futureCursor() async throws {
        try await withTemporaryDirectory { directory in
            let firstDay = Day.today - 10
            // Three orders a day for ten days: the last day is inside the default one-day lookback.
            let data = ERPUpstream(count: 30, firstDay: firstDay, dayCount: 10)
            let server = try HostileUpstream(handler: data.respond)
            defer { server.stop() }
            let fixture = try TrustFixture(directory: directory, sources: [
                TrustFixture.source("clock-erp", "erp", server, ["start_date": Day.text(firstDay)]),
            ])
            let first = try await fixture.run(["run", "--once"])
            try #require(first.status == 0, "\(first.output.suffix(1_500))")
            let all = try fixture.orderIDs("clock-erp")
            let yesterday = Day.text(Day.today - 1)
            try fixture.tamper("DELETE FROM order_lines WHERE source = 'clock-erp' AND order_id IN (SELECT order_id FROM orders WHERE ordered_at >= ?)", yesterday)
            try fixture.tamper("DELETE FROM orders WHERE source = 'clock-erp' AND ordered_at >= ?", yesterday)
            let lost = all.subtracting(try fixture.orderIDs("clock-erp"))
            try #require(!lost.isEmpty, "the upstream places orders on the last days")
            try fixture.tamper("UPDATE sync_state SET cursor = ? WHERE source = 'clock-erp' AND stream = 'orders'", #"{"synced_through":"2029-11-27T00:00:00Z"}"#)

            let before = server.requestLog.count
            let second = try await fixture.run(["run", "--once"])
            #expect(second.status == 0, "\(second.output.suffix(1_500))")
            let windows = server.requestLog.dropFirst(before).compactMap { line -> (String, String)? in
                guard let components = URLComponents(string: "http://x" + (line.split(separator: " ").last.map(String.init) ?? "")),
                      let start = components.queryItems?.first(where: { $0.name == "date_start" })?.value,
                      let end = components.queryItems?.first(where: { $0.name == "date_end" })?.value else { return nil }
                return (start, end)
            }
            #expect(!windows.isEmpty && windows.allSatisfy { $0.0 <= $0.1 }, "windows asked for: \(windows)")
            #expect(try fixture.orderIDs("clock-erp") == all, "the lost days are read again")
            #expect(second.output.contains("lies in the future") && second.output.contains("2029-11-27"))
        }
    }
}

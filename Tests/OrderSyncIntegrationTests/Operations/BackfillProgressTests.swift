import Foundation
@testable import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// Backfill progress a human can follow: counts of what was written, the date reached, an ETA
/// only from progress that cost work, and a finished source that says done and stops changing.
@Suite("Backfill progress")
struct BackfillProgressTests {
    @Test("off a terminal, JSON progress lines count orders and requests, name the date reached, and end with done")
    func progressLines() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "mobility"],
                                          extra: ["page_size": .number("5"), "slice_days": .number("30")])
            harness.simulator.inject(SimFault(kind: .delay(milliseconds: 10), count: 1_000_000))
            try Operations.editConfig(harness.configPath, root: ["log_format": .string("json")])
            let result = try await OrderSyncProcess.run(
                ["backfill", "--all", "--since", "2020-01-01", "--config", harness.configPath], directory: directory,
                environment: ["ORDERSYNC_PROGRESS_SECONDS": "0.2"], timeout: .seconds(120))
            #expect(result.status == 0, "\(result.output)")
            var progress: [String: [JSONObject]] = [:]
            for line in result.output.split(separator: "\n") where line.hasPrefix("{") {
                guard case .object(let object) = try JSONValue.parse(String(line)), object["message"] == .string("backfill progress"),
                      case .string(let source)? = object["source"] else { continue }
                progress[source, default: []].append(object)
            }
            for source in ["sim-erp", "sim-mobility"] {
                let lines = try #require(progress[source], "no progress for \(source): \(result.output)")
                #expect(lines.contains { if case .number(let n)? = $0["orders"] { Int(n)! > 0 } else { false } },
                        "orders counted as written, as JSON numbers: \(lines)")
                #expect(lines.allSatisfy { if case .number? = $0["requests"] { true } else { false } })
                // One done line, the last, with the final count the summary prints.
                let done = lines.filter { $0["done"] == .bool(true) }
                #expect(done.count == 1 && lines.last?["done"] == .bool(true), "\(lines)")
                guard case .number(let orders)? = done.first?["orders"] else { continue }
                #expect(result.output.contains("\(source): backfill ok, ") && result.output.contains(" \(orders) orders written"), "\(result.output)")
                #expect(done.first?["range_from"] == .string("2020-01-01"))
            }
            let erp = progress["sim-erp"] ?? []
            #expect(erp.contains { if case .string(let day)? = $0["through"] { day.hasPrefix("20") } else { false } },
                    "date windows say which day they are through: \(erp)")
            let mobility = progress["sim-mobility"] ?? []
            #expect(mobility.contains { $0["reached"] != nil }, "the newest-first scan says which day it reached: \(mobility)")
        }
    }

    @Test("no ETA from empty windows: the clock starts at the first orders written")
    func estimateIgnoresEmptyWindows() {
        var estimate = BackfillEstimate(minimumSeconds: 3)
        // 60 % of the range went by in 1 s with nothing in it: no promise from that.
        #expect(estimate.secondsLeft(fraction: 0.6, orders: 0, at: 1) == nil)
        #expect(estimate.secondsLeft(fraction: 0.6, orders: 10, at: 1) == nil, "the first sample with orders is the baseline")
        #expect(estimate.secondsLeft(fraction: 0.65, orders: 50, at: 2) == nil, "too short a stretch to judge")
        // 10 % of the range in 10 s since the baseline: 30 % left is 30 s, not the 0.5 s the empty windows suggest.
        #expect(estimate.secondsLeft(fraction: 0.7, orders: 900, at: 11) == 30)
        #expect(estimate.secondsLeft(fraction: 1, orders: 1000, at: 12) == nil, "nothing left to estimate")
    }
}

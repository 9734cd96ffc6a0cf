import Foundation
import OrderSyncTesting
import Testing

/// Issue 7 C: `backfill --restart` interrupted and run again with the same arguments continues
/// where it stopped; the restart applies once per range, not once per invocation.
@Suite("Trust: --restart is resumable (the real binary)")
struct ResumableRestartTests {
    @Test("backfill --restart stopped by SIGINT, run again with --restart, continues instead of starting over")
    func restartResumes() async throws {
        try await withTemporaryDirectory { directory in
            let (orders, pageSize) = (1_200, 12)
            let firstDay = Day.today - 51
            let data = ERPUpstream(count: orders, firstDay: firstDay, dayCount: 50, listDelay: 0.04)
            let server = try HostileUpstream(handler: data.respond)
            defer { server.stop() }
            let fixture = try TrustFixture(directory: directory, sources: [
                TrustFixture.source("slow-erp", "erp", server, ["page_size": pageSize, "start_date": Day.text(firstDay)]),
            ])
            let arguments = ["backfill", "--source", "slow-erp", "--since", Day.text(firstDay), "--restart"]
            let isList = { (path: String) in path == ERPUpstream.listPath }

            // A first, complete load, so that --restart has something to start over.
            let first = try await fixture.run(Array(arguments.dropLast()))
            #expect(first.status == 0, "\(first.output.suffix(1_500))")
            let fullWalk = server.requests(where: isList)
            #expect(fullWalk >= orders / pageSize, "a full walk reads every page")

            // The restart, stopped once more than half the range is read again.
            let before = server.requests(where: isList)
            let interrupted = try fixture.start(arguments)
            let deadline = ContinuousClock.now + .seconds(60)
            var reread = 0
            while ContinuousClock.now < deadline, interrupted.process.isRunning {
                reread = server.requests(where: isList) - before
                if reread >= fullWalk * 55 / 100 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            interrupted.signal(SIGINT)
            let stopped = await interrupted.wait(timeout: .seconds(15))
            try #require(stopped == 75, "the restart was still running when interrupted: \(interrupted.output.suffix(1_500))")
            let readBeforeStop = server.requests(where: isList) - before

            // The same command again: it continues the restart.
            let resumedFrom = server.requests(where: isList)
            let resumed = try await fixture.run(arguments)
            #expect(resumed.status == 0, "\(resumed.output.suffix(1_500))")
            let resumedReads = server.requests(where: isList) - resumedFrom
            #expect(resumedReads <= fullWalk - readBeforeStop + 5,
                    "the resumed --restart read \(resumedReads) list pages; a full walk is \(fullWalk), \(readBeforeStop) were read before SIGINT")
            #expect(TrustFixture.difference(try fixture.orderIDs("slow-erp"), data.ids) == nil)
            #expect(TrustFixture.difference(try fixture.orderIDsWithLines("slow-erp"), data.ids) == nil)
        }
    }
}

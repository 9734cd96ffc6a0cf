import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// Issue 16 A: an order deleted upstream never stalls a source. A detail answering 404 flags the
/// stored order `deleted_upstream_at` (with its history row), later refreshes leave it alone, and
/// the poll succeeds; an order that comes back is un-flagged by the poll itself. Through the real
/// binary, `run --once` and the daemon, against erp servers written here.
@Suite("Trust: orders deleted upstream never stall a source (the real binary)", .serialized)
struct DeletedUpstreamTests {
    /// An erp upstream whose backing data a test can swap (a restart with other data) and whose
    /// details can answer 404 for orders its lists still show.
    final class SwappableERP: Sendable {
        let backing: LockedBox<ERPUpstream>
        let hiddenDetails = LockedBox<Set<Int>>([])

        init(_ upstream: ERPUpstream) { backing = LockedBox(upstream) }

        func respond(_ request: HostileUpstream.Request) -> HostileUpstream.Response {
            if ERPUpstream.isDetail(request.path), let id = Int(request.path.dropFirst(ERPUpstream.listPath.count + 1)),
               hiddenDetails.current.contains(id) {
                return .json(#"{"error": {"code": 404, "message": "Order not found"}}"#, status: 404)
            }
            return backing.current.respond(request)
        }
    }

    static let open: Set<String> = ["validated", "in_progress", "draft"]

    static func flagged(_ fixture: TrustFixture) throws -> Set<String> {
        Set(try fixture.texts("SELECT order_id FROM orders WHERE source = 'erp' AND deleted_upstream_at IS NOT NULL"))
    }

    static func detailRequests(_ server: HostileUpstream, after count: Int) -> [String] {
        server.requestLog.dropFirst(count).compactMap { $0.split(separator: " ").last.map(String.init) }.filter(ERPUpstream.isDetail)
    }

    @Test("run --once: open orders deleted, details 404 for a third of a page, an upstream restarted with fewer orders")
    func runOnce() async throws {
        try await withTemporaryDirectory { directory in
            let firstDay = Day.today - 21
            let full = ERPUpstream(count: 60, firstDay: firstDay, dayCount: 20)
            let upstream = SwappableERP(full)
            let server = try HostileUpstream(handler: upstream.respond)
            defer { server.stop() }
            let fixture = try TrustFixture(directory: directory, sources: [
                TrustFixture.source("erp", "erp", server, ["start_date": Day.text(firstDay), "page_size": 25]),
            ])
            let first = try await fixture.run(["run", "--once"])
            try #require(first.status == 0, "\(first.output.suffix(1_500))")
            try #require(try fixture.orderIDs("erp").count == 60)

            // (1) The reproduction of the issue: every third order deleted, open ones included.
            // The open-order refresh re-reads the open ones it no longer sees, by id: all 404.
            let deleted = full.allIDs.filter { ($0 - full.firstID) % 3 == 0 }
            for id in deleted { full.delete(id) }
            let goneOpen = Set(deleted.filter { Self.open.contains(full.status($0)) }.map(String.init))
            try #require(goneOpen.count >= 3, "enough open orders deleted to have failed a page before the fix")
            let second = try await fixture.run(["run", "--once"])
            #expect(second.status == 0, "a 404 never fails the run: \(second.output.suffix(1_500))")
            #expect(second.output.contains("\(goneOpen.count) gone upstream"), "\(second.output.suffix(1_500))")
            #expect(try Self.flagged(fixture) == goneOpen, "exactly the open orders found gone are flagged")
            #expect(try fixture.count(
                "SELECT count(*) FROM order_status_history WHERE source = 'erp' AND status_raw = ?", SQLiteStore.deletedUpstreamMarker)
                == goneOpen.count, "each with its history row")

            // Later polls leave flagged orders alone: no detail request for them, and exit 0.
            let before = server.requestCount
            let third = try await fixture.run(["run", "--once"])
            #expect(third.status == 0, "\(third.output.suffix(1_500))")
            let asked = Self.detailRequests(server, after: before)
            #expect(asked.allSatisfy { !goneOpen.contains(String($0.split(separator: "/").last ?? "")) }, "flagged orders not re-read: \(asked)")

            // An order that comes back upstream is un-flagged by the poll (it is open, so listed).
            let back = try #require(deleted.first { goneOpen.contains(String($0)) })
            full.restore(back)
            let fourth = try await fixture.run(["run", "--once"])
            #expect(fourth.status == 0, "\(fourth.output.suffix(1_500))")
            #expect(try Self.flagged(fixture) == goneOpen.subtracting(["\(back)"]), "the order that came back is live again")

            // (2) Details that 404 for a third of a page the list still shows: every open order
            // changes (so the poll reads its detail), a third of those answer 404.
            let live = full.allIDs.filter { !deleted.contains($0) && Self.open.contains(full.status($0)) }
            for id in live { full.setStatus(id, "in_progress" == full.status(id) ? "validated" : "in_progress") }
            let refused = Set(live.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
            upstream.hiddenDetails.withValue { $0 = refused }
            let fifth = try await fixture.run(["run", "--once"])
            #expect(fifth.status == 0, "404s on a third of a page never fail it: \(fifth.output.suffix(1_500))")
            #expect(try Self.flagged(fixture).isSuperset(of: refused.map(String.init)), "the 404s flagged")
            for id in live where !refused.contains(id) {
                #expect(try fixture.texts("SELECT status_raw FROM orders WHERE source = 'erp' AND order_id = ?", "\(id)") == [full.status(id)],
                        "order \(id): the rest of the page was written")
            }
            upstream.hiddenDetails.withValue { $0 = [] }

            // (3) The upstream restarts with fewer orders (older data): the open orders it lost are
            // flagged, the poll succeeds.
            let smaller = ERPUpstream(count: 40, firstDay: firstDay, dayCount: 20)
            upstream.backing.withValue { $0 = smaller }
            let sixth = try await fixture.run(["run", "--once"])
            #expect(sixth.status == 0, "\(sixth.output.suffix(1_500))")
            let lost = try Set(fixture.texts("""
                SELECT order_id FROM orders WHERE source = 'erp' AND CAST(order_id AS INTEGER) > 100040
                    AND status NOT IN ('completed', 'cancelled')
                """))
            let flaggedNow = try Self.flagged(fixture)
            #expect(!lost.isEmpty && flaggedNow.isSuperset(of: lost), "the open orders the upstream lost are flagged")
            let seventh = try await fixture.run(["run", "--once"])
            #expect(seventh.status == 0, "and every later poll succeeds: \(seventh.output.suffix(1_500))")
        }
    }

    @Test("the daemon: deletions and an upstream restarted with fewer orders never make a poll fail")
    func daemon() async throws {
        try await withTemporaryDirectory { directory in
            let firstDay = Day.today - 21
            let full = ERPUpstream(count: 60, firstDay: firstDay, dayCount: 20)
            let upstream = SwappableERP(full)
            let server = try HostileUpstream(handler: upstream.respond)
            defer { server.stop() }
            let fixture = try TrustFixture(directory: directory, sources: [
                TrustFixture.source("erp", "erp", server, ["start_date": Day.text(firstDay), "page_size": 25, "poll_interval_seconds": 1]),
            ])
            let daemon = try fixture.start(["run"])
            defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
            func okPolls() throws -> Int { try fixture.count("SELECT count(*) FROM sync_runs WHERE kind = 'poll' AND outcome = 'ok'") }
            try await Operations.waitUntil("a first successful poll", timeout: .seconds(60)) { try okPolls() >= 1 }

            for id in full.allIDs where (id - full.firstID) % 3 == 0 { full.delete(id) }
            let gone = Set(full.allIDs.filter { (($0 - full.firstID) % 3 == 0) && Self.open.contains(full.status($0)) }.map(String.init))
            try await Operations.waitUntil("the deleted open orders flagged", timeout: .seconds(60)) { try Self.flagged(fixture) == gone }
            let afterDeletion = try okPolls()
            try await Operations.waitUntil("two more successful polls", timeout: .seconds(60)) { try okPolls() >= afterDeletion + 2 }

            upstream.backing.withValue { $0 = ERPUpstream(count: 40, firstDay: firstDay, dayCount: 20) }
            try await Operations.waitUntil("the orders the restarted upstream lost flagged", timeout: .seconds(60)) {
                try fixture.count("""
                    SELECT count(*) FROM orders WHERE source = 'erp' AND CAST(order_id AS INTEGER) > 100040
                        AND status NOT IN ('completed', 'cancelled') AND deleted_upstream_at IS NULL
                    """) == 0
            }
            let afterRestart = try okPolls()
            try await Operations.waitUntil("two more successful polls", timeout: .seconds(60)) { try okPolls() >= afterRestart + 2 }
            #expect(try fixture.count("SELECT count(*) FROM sync_runs WHERE kind = 'poll' AND outcome = 'failed'") == 0,
                    "no poll failed: \(daemon.output.suffix(2_000))")
            let status = try await fixture.run(["status"])
            #expect(status.status == 0, "healthy: \(status.output.suffix(1_500))")
            daemon.signal(SIGTERM)
            #expect(await daemon.wait(timeout: .seconds(30)) == 0)
        }
    }
}

import Foundation
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// Upstream faults from the simulator: the sync retries within its limits and converges; when
/// retries run out the run fails with the reason, the checkpoint stays, the next poll resumes.
@Suite("Upstream faults")
struct UpstreamFaultTests {
    static let faults: [SimFault.Kind] = [
        .status(429, retryAfter: "1"), .status(500, retryAfter: nil), .status(503, retryAfter: nil), .reset, .truncatedBody,
        .garbage, .delay(milliseconds: 2_500),
    ]

    @Test("each transient fault is retried and the poll converges", arguments: faults)
    func transientFaultsConverge(kind: SimFault.Kind) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"], extra: [
                "page_size": .number("20"),
                "http": .object(["request_timeout_seconds": .number("1"), "max_attempts": .number("4"),
                                 "initial_backoff_ms": .number("1"), "max_backoff_seconds": .number("1"),
                                 "requests_per_second": .number("1000")]),
            ])
            harness.simulator.inject(SimFault(kind: kind, count: 2))
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(harness.simulator.stats().faults[kind.name] == 2, "both faults were served")
            #expect(try harness.differences("erp") == [])
            #expect(try harness.differences("lifecycle") == [])
        }
    }

    @Test("no request is sent before a Retry-After has passed")
    func retryAfterIsHonoured() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"], extra: [
                "http": .object(["retry_after_floor_seconds": .number("0"), "initial_backoff_ms": .number("1"),
                                 "requests_per_second": .number("1000")]),
            ])
            harness.simulator.inject(SimFault(kind: .status(429, retryAfter: "2"), count: 1))
            let transport = RecordingTransport()
            let sync = try #require(try await harness.environment(transport: transport).sync(named: "sim-erp"))
            #expect(await sync.poll().outcome == .ok)
            let events = transport.events.current
            let throttled = try #require(events.firstIndex { $0.status == 429 })
            let next = try #require(events.indices.first { $0 > throttled })
            #expect(events[next].startedAt - events[throttled].finishedAt >= .seconds(2),
                    "the retry went out \(events[next].startedAt - events[throttled].finishedAt) after the 429")
        }
    }

    @Test("retries run out: the run fails with the reason, the checkpoint stays, the next poll resumes")
    func exhaustedRetries() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            #expect(await harness.ordersync("run", "--once") == .success)
            let store = try SQLiteStore(path: harness.databasePath)
            let cursor = try await store.checkpoint(source: "sim-erp", stream: "orders")
            harness.simulator.mutate(.erp, count: 30)

            harness.simulator.inject(SimFault(kind: .status(503, retryAfter: nil), count: 1_000))
            #expect(await harness.ordersync("run", "--once") == .failure)
            #expect(try await store.checkpoint(source: "sim-erp", stream: "orders") == cursor, "a failed poll does not move the cursor")
            let status = try await store.status(of: "sim-erp")
            #expect(status.lastRun?.outcome == "failed")
            #expect(status.lastError?.contains("HTTP 503 after 3 attempts") == true, "\(status.lastError ?? "nil")")

            harness.simulator.clearFaults()
            #expect(await harness.ordersync("run", "--once") == .success)
            #expect(try harness.differences("erp") == [])
        }
    }

    @Test("bad records are kept in rejected_records; the rest of the page is stored; the run succeeds")
    func badRecordsAreRejectedNotFatal() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"], extra: ["page_size": .number("20")])
            harness.simulator.inject(SimFault(kind: .badRecord, count: 10))
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(try harness.differences("erp") == [])
            #expect(try harness.differences("lifecycle") == [])
            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            let rejected = try db.makeStatement("SELECT reason, raw FROM rejected_records").query()
            #expect(rejected.count >= 5, "\(rejected.map { $0.string(0) ?? "" })")
            for row in rejected {
                #expect(!(row.string(0) ?? "").isEmpty)
                #expect((try? JSONValue.parse(row.string(1) ?? "")) != nil, "the raw record is kept as JSON")
            }
        }
    }
}

/// The real transport, with the time each request started and finished and its status.
final class RecordingTransport: HTTPTransport {
    struct Event: Sendable {
        var path: String
        var query: [URLQueryItem] = []
        var status: Int?
        var startedAt: ContinuousClock.Instant
        var finishedAt: ContinuousClock.Instant
    }

    let events = LockedBox<[Event]>([])

    func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> OrderSyncCore.HTTPResponse {
        let started = ContinuousClock.now
        do {
            let response = try await CurlTransport.shared.perform(request, limits: limits)
            let query = request.url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false)?.queryItems } ?? []
            events.withValue { $0.append(Event(path: request.url?.path ?? "", query: query, status: response.status, startedAt: started, finishedAt: .now)) }
            return response
        } catch {
            events.withValue { $0.append(Event(path: request.url?.path ?? "", status: nil, startedAt: started, finishedAt: .now)) }
            throw error
        }
    }
}

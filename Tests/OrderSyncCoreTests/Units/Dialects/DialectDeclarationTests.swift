import Foundation
import Testing

@testable import OrderSyncCore

/// What each adapter declares to the shared fetch machinery: endpoints, pages, streams, details.
struct DialectDeclarationTests {
    static func bounds(_ from: String, _ to: String, in zone: ZoneRules = UnitFixtures.utc) throws -> WindowBounds {
        WindowBounds(from: try #require(UnitFixtures.instant(from)), to: try #require(UnitFixtures.instant(to)), timeZone: zone)
    }

    static func query(_ items: [URLQueryItem]) -> [String] {
        items.map { "\($0.name)=\($0.value ?? "<nil>")" }
    }

    static func totalPagesPath(_ end: Pagination.End?) -> [String]? {
        if case .totalPagesInBody(let path) = end { return path }
        return nil
    }

    // MARK: erp

    /// The list declaration checked against what it must agree with, not restated: the
    /// provider's documented list answer (`Fixtures/erp/erp-list.json`) and the dialect's page.
    /// A typo in any declared name fails here; restating the literals would copy the typo.
    @Test func erpListReadsTheDocumentedAnswer() throws {
        let list = try ERPAdapter(source: UnitFixtures.erpSource()).list
        let answer = try UnitFixtures.erpList()
        // The records are where the declaration looks, and each has the identity it reads.
        let records = try #require(list.recordsPath.reduce(Optional(answer)) { $0?[$1] }?.arrayValue)
        #expect(!records.isEmpty)
        let adapter = try ERPAdapter(source: UnitFixtures.erpSource())
        #expect(records.allSatisfy { $0.objectValue.flatMap(adapter.identity(of:)) != nil })
        // The page count is where the declaration looks, and is a number.
        let totalPages = try #require(Self.totalPagesPath(list.pagination.end))
        #expect(totalPages.reduce(Optional(answer)) { $0?[$1] }?.scalarText.flatMap { Int($0) } != nil)
        // The request's page parameters are the ones the answer echoes in `pagination`.
        let echoed = try #require(answer["pagination"]?.objectValue)
        let pageParameter = try #require(list.pagination.pageParameter)
        let sizeParameter = try #require(list.pagination.pageSizeParameter)
        #expect(echoed[sizeParameter] != nil)
        #expect(echoed[pageParameter]?.scalarText == String(list.pagination.firstPage))
        // The dialect's page names the request the declaration builds.
        let page = try String(contentsOf: FixtureFiles.root.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/dialects/erp.md"), encoding: .utf8)
        let request = "GET \(list.path)?" + (Self.query(list.query) + ["\(pageParameter)=N"]).joined(separator: "&")
        #expect(page.contains(request), "docs/dialects/erp.md does not show \(request)")
        // A configured page size is the one requested, within the documented limit.
        #expect(try ERPAdapter(source: UnitFixtures.erpSource(pageSize: 25)).list.pagination.pageSize == 25)
    }

    @Test func erpPollsADateWindowThenOpenOrders() throws {
        let streams = try ERPAdapter(source: UnitFixtures.erpSource()).pollStreams
        #expect(streams.count == 2)
        guard case .dateWindow(let window) = streams.first, case .openOrders(let open) = streams.last else {
            Issue.record("expected a date window then an open-order refresh, got \(streams.map(\.name))")
            return
        }
        #expect(window.granularity == .day)
        #expect(streams.map(\.name) == ["orders", "open_orders"])
        // The open orders are exactly the documented non-terminal statuses, one query each.
        #expect(open.queries.map(Self.query) == [["status=draft"], ["status=in_progress"], ["status=validated"]])
    }

    @Test func erpOpenOrderQueriesFollowTheStatusMap() throws {
        let source = UnitFixtures.erpSource(statusMap: ["validated": .completed, "delivered": .onHold])
        guard case .openOrders(let open) = try ERPAdapter(source: source).pollStreams.last else {
            Issue.record("expected an open-order refresh")
            return
        }
        #expect(open.queries.map(Self.query) == [["status=delivered"], ["status=draft"], ["status=in_progress"]])
    }

    @Test func erpDateWindowQuery() throws {
        let adapter = try ERPAdapter(source: UnitFixtures.erpSource())
        guard case .dateWindow(let window) = adapter.pollStreams.first else {
            Issue.record("expected a date window stream first")
            return
        }
        let may = try Self.bounds("2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z")
        #expect(Self.query(window.query(may)) == ["date_start=2024-05-01", "date_end=2024-05-31"])
        // A window ending mid-day still includes that day (the filter is inclusive).
        let partial = try Self.bounds("2024-05-14T22:00:00Z", "2024-05-15T10:00:01Z")
        #expect(Self.query(window.query(partial)) == ["date_start=2024-05-14", "date_end=2024-05-15"])
        // Days are the source's: midnight-to-midnight in Paris is one Paris day.
        let parisDay = try Self.bounds("2024-05-14T22:00:00Z", "2024-05-15T22:00:00Z", in: UnitFixtures.paris)
        #expect(Self.query(window.query(parisDay)) == ["date_start=2024-05-15", "date_end=2024-05-15"])

        guard case .dateWindow(let backfill) = adapter.backfill else {
            Issue.record("expected an erp backfill by date window")
            return
        }
        #expect(backfill.granularity == .day)
        #expect(Self.query(backfill.query(may)) == ["date_start=2024-05-01", "date_end=2024-05-31"])
    }

    @Test func erpDetail() throws {
        let detail = try #require(try ERPAdapter(source: UnitFixtures.erpSource()).detail)
        #expect(detail.path("350") == "/obapi/v1/orders/350")
        #expect(detail.recordPath == ["order"])
        #expect(detail.embedUnder == nil)
    }

    @Test func identities() throws {
        let erp = try ERPAdapter(source: UnitFixtures.erpSource())
        let lifecycle = try LifecycleAdapter(source: UnitFixtures.lifecycleSource())
        #expect(erp.identity(of: try ERPMappingTests.listItem()) == "350")
        #expect(erp.identity(of: JSONObject(["id": .number("350")])) == "350")
        #expect(erp.identity(of: JSONObject(["ref": .string("CO2405-0018")])) == nil)
        #expect(erp.identity(of: JSONObject(["id": .null])) == nil)
        let listed = try #require(UnitFixtures.lifecycleList()["data"]?.arrayValue?.first?.objectValue)
        #expect(lifecycle.identity(of: listed) == "3")
        #expect(lifecycle.identity(of: JSONObject(["order_id": .number("421409")])) == nil)
        #expect(lifecycle.identity(of: JSONObject(["id": .array([])])) == nil)
    }

    @Test func registryKnowsBothDialects() throws {
        #expect(DialectRegistry.adapter(named: "erp") == ERPAdapter.self)
        #expect(DialectRegistry.adapter(named: "lifecycle") == LifecycleAdapter.self)
        #expect(DialectRegistry.adapter(named: "ERP") == nil)
        #expect(ERPAdapter.authKind == .token)
        #expect(LifecycleAdapter.authKind == .token)
        let unknown = #expect(throws: ConfigError.self) {
            try DialectRegistry.makeAdapter(
                for: SourceConfiguration(name: "x", dialect: "nope", baseURL: URL(string: "https://x.example")!, startDate: "2024-01-01"),
                index: 0)
        }
        #expect(unknown?.path == "sources[0].dialect")
    }

    // MARK: lifecycle

    @Test func lifecycleList() throws {
        let list = try LifecycleAdapter(source: UnitFixtures.lifecycleSource(pageSize: 50)).list
        #expect(list.path == "/api/orders/list")
        #expect(list.query.isEmpty)
        #expect(list.recordsPath == ["data"])
        #expect(list.pagination.pageParameter == "page")
        #expect(list.pagination.pageSizeParameter == "per_page")
        #expect(list.pagination.pageSize == 50)
        #expect(Self.totalPagesPath(list.pagination.end) == ["pagination", "last_page"])
        #expect(try LifecycleAdapter(source: UnitFixtures.lifecycleSource()).list.pagination.pageSize == 100)
    }

    @Test func lifecycleScansByUpdatedAtDescending() throws {
        let streams = try LifecycleAdapter(source: UnitFixtures.lifecycleSource(timezone: UnitFixtures.berlin)).pollStreams
        #expect(streams.count == 1)
        guard case .descendingScan(let scan) = streams.first else {
            Issue.record("expected a descending scan, got \(streams.map(\.name))")
            return
        }
        #expect(Self.query(scan.query) == ["order_by=updated_at", "order_direction=desc"])
        // The change timestamp is `updated_at`, zone-less text read in the source's zone.
        #expect(scan.timestamp(JSONObject(["updated_at": .string("2025-11-06T15:00:00.000000Z")]))?.iso8601 == "2025-11-06T15:00:00Z")
        #expect(scan.timestamp(JSONObject(["updated_at": .string("2025-11-06 15:00:00")]))?.iso8601 == "2025-11-06T14:00:00Z")
        #expect(scan.timestamp(JSONObject(["created_at": .string("2025-11-06T15:00:00Z")])) == nil)
        #expect(scan.timestamp(JSONObject(["updated_at": .string("soon")])) == nil)
    }

    @Test func lifecycleBackfillsByCreationDate() throws {
        guard case .dateWindow(let window) = try LifecycleAdapter(source: UnitFixtures.lifecycleSource()).backfill else {
            Issue.record("expected a lifecycle backfill by date window")
            return
        }
        #expect(window.granularity == .day)
        let may = try Self.bounds("2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z")
        #expect(Self.query(window.query(may))
                == ["date_from=2024-05-01", "date_to=2024-05-31", "order_by=id", "order_direction=asc"])
    }

    @Test func lifecycleDetail() throws {
        let detail = try #require(try LifecycleAdapter(source: UnitFixtures.lifecycleSource()).detail)
        #expect(detail.path("3") == "/api/orders/3")
        #expect(detail.recordPath == ["data"])
        #expect(detail.embedUnder == nil)
    }
}

import Foundation
import Testing

@testable import OrderSyncCore

/// What the formations adapter declares to the shared machinery: list, pages, streams, filters.
struct FormationsDeclarationTests {
    typealias Fixtures = FormationsFixtures

    static func bounds(_ from: String, _ to: String, in zone: ZoneRules = Fixtures.utc) throws -> WindowBounds {
        WindowBounds(from: try Fixtures.instant(from), to: try Fixtures.instant(to), timeZone: zone)
    }

    static func streams(_ adapter: FormationsAdapter) throws -> (DateWindowStream, DateWindowStream, OpenOrderRefreshStream) {
        let streams = adapter.pollStreams
        guard streams.count == 3, case .dateWindow(let created) = streams[0], case .dateWindow(let invoiced) = streams[1],
              case .openOrders(let open) = streams[2]
        else {
            throw MappingError(path: "", message: "expected two date windows and an open-order refresh, got \(streams.map(\.name))")
        }
        return (created, invoiced, open)
    }

    @Test func listIsABareArrayPagedByPageNumberAtAFixedSize() throws {
        let list = try Fixtures.adapter().list
        #expect(list.path == "/orders")
        #expect(list.query.isEmpty)
        #expect(list.recordsPath == [])
        #expect(list.pagination.pageParameter == "page[number]")
        #expect(list.pagination.pageSizeParameter == nil)
        #expect(list.pagination.pageSize == 50)
        #expect(list.pagination.firstPage == 1)
        guard case .shortPage = list.pagination.end else {
            Issue.record("a formations list ends on a short or empty page")
            return
        }
        // `page_size` declares the server's fixed size; it is never sent.
        #expect(try Fixtures.adapter(Fixtures.source(pageSize: 20)).list.pagination.pageSize == 20)
    }

    @Test func detailEmbedsTheBareLineArray() throws {
        let detail = try #require(try Fixtures.adapter().detail)
        #expect(detail.path("123") == "/orders/123/orderlines")
        #expect(detail.recordPath == [])
        #expect(detail.embedUnder == "orderlines")
    }

    @Test func identityIsTheNumericID() throws {
        let adapter = try Fixtures.adapter()
        #expect(adapter.identity(of: try Fixtures.listItem()) == "123")
        #expect(adapter.identity(of: ["id": .string("123")]) == "123")
        #expect(adapter.identity(of: ["description": .string("ABC LTD")]) == nil)
        #expect(adapter.identity(of: ["id": .null]) == nil)
        #expect(adapter.identity(of: ["id": .object([:])]) == nil)
    }

    @Test func pollStreamsAndBackfill() throws {
        let adapter = try Fixtures.adapter()
        #expect(adapter.pollStreams.map(\.name) == ["orders", "invoiced", "open_orders"])
        let (created, invoiced, _) = try Self.streams(adapter)
        #expect(created.granularity == .day)
        #expect(invoiced.granularity == .day)
        guard case .dateWindow(let backfill) = adapter.backfill else {
            Issue.record("a formations backfill walks the creation-day filter")
            return
        }
        #expect(backfill.name == "orders")
        let may = try Self.bounds("2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z")
        #expect(Fixtures.query(backfill.query(may)) == ["filter[createdFrom]=20240501", "filter[createdTo]=20240531"])
    }

    @Test func windowFiltersAreWholeYmdDaysInTheSourceZone() throws {
        let (created, invoiced, _) = try Self.streams(try Fixtures.adapter())
        let may = try Self.bounds("2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z")
        #expect(Fixtures.query(created.query(may)) == ["filter[createdFrom]=20240501", "filter[createdTo]=20240531"])
        #expect(Fixtures.query(invoiced.query(may)) == ["filter[invoicedFrom]=20240501", "filter[invoicedTo]=20240531"])
        // A window ending mid-day still asks for that day: the filter is inclusive.
        let partial = try Self.bounds("2024-05-14T22:00:00Z", "2024-05-15T10:00:01Z")
        #expect(Fixtures.query(created.query(partial)) == ["filter[createdFrom]=20240514", "filter[createdTo]=20240515"])
        // Midnight to midnight in Paris is one Paris day.
        let (parisCreated, _, _) = try Self.streams(try Fixtures.adapter(Fixtures.source(timezone: Fixtures.paris)))
        let parisDay = try Self.bounds("2024-05-14T22:00:00Z", "2024-05-15T22:00:00Z", in: Fixtures.paris)
        #expect(Fixtures.query(parisCreated.query(parisDay)) == ["filter[createdFrom]=20240515", "filter[createdTo]=20240515"])
    }

    @Test func openOrdersAreTheCodesTheStatusMapCallsOpenInOneCSVFilter() throws {
        let (_, _, open) = try Self.streams(try Fixtures.adapter())
        #expect(open.name == "open_orders")
        #expect(open.queries.map(Fixtures.query) == [["filter[statuses]=100,300,500"]])
        // An unmapped code is not asked for as open; a code mapped to an open status is.
        let remapped = Fixtures.source(statusMap: Fixtures.statusMap.merging(["950": .onHold, "700": .completed]) { $1 })
        let (_, _, reopened) = try Self.streams(try Fixtures.adapter(remapped))
        #expect(reopened.queries.map(Fixtures.query) == [["filter[statuses]=100,300,500,950"]])
        // Nothing mapped open: no open query at all (every stored order is rechecked as a leaver).
        let (_, _, none) = try Self.streams(try Fixtures.adapter(Fixtures.source(statusMap: ["700": .completed])))
        #expect(none.queries.isEmpty)
    }

    @Test func leaversAreReadAgainByTheirCreationDaysWhateverTheirCode() throws {
        let (_, _, open) = try Self.streams(try Fixtures.adapter())
        guard case .listQueries(let queries) = open.leavers else {
            Issue.record("formations has no single-order request: leavers are rechecked through list queries")
            return
        }
        #expect(queries([]).isEmpty)
        let leavers = try [
            ("7", "2024-05-03T23:59:59Z"), ("3", "2024-05-01T08:00:00Z"), ("4", "2024-05-02T10:00:00Z"),
            ("5", "2024-05-02T11:00:00Z"), ("9", "2024-06-30T00:00:00Z"), ("8", "2024-07-01T12:00:00Z"),
            ("1", "2023-12-31T12:00:00Z"),
        ].map { KnownOrder(id: $0.0, orderedAt: try Fixtures.instant($0.1)) }
        // Consecutive days are one query; a gap starts another; no status filter, since a leaver
        // may have any code now (terminal, or one the map does not know).
        #expect(queries(leavers).map(Fixtures.query) == [
            ["filter[createdFrom]=20231231", "filter[createdTo]=20231231"],
            ["filter[createdFrom]=20240501", "filter[createdTo]=20240503"],
            ["filter[createdFrom]=20240630", "filter[createdTo]=20240701"],
        ])
        // Days are the source's.
        let (_, _, paris) = try Self.streams(try Fixtures.adapter(Fixtures.source(timezone: Fixtures.paris)))
        guard case .listQueries(let parisQueries) = paris.leavers else { return }
        let late = KnownOrder(id: "7", orderedAt: try Fixtures.instant("2024-05-03T23:30:00Z"))
        #expect(parisQueries([late]).map(Fixtures.query) == [["filter[createdFrom]=20240504", "filter[createdTo]=20240504"]])
        // An order without a creation instant can only be found in the whole list.
        #expect(queries([KnownOrder(id: "1", orderedAt: nil)]).map(Fixtures.query) == [[]])
    }

    @Test func theFilterSpellingIsASourceOption() throws {
        let adapter = try Fixtures.adapter(Fixtures.source(options: ["filter_param": .string("filters")]))
        let (created, invoiced, open) = try Self.streams(adapter)
        let day = try Self.bounds("2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z")
        #expect(Fixtures.query(created.query(day)) == ["filters[createdFrom]=20200101", "filters[createdTo]=20200101"])
        #expect(Fixtures.query(invoiced.query(day)) == ["filters[invoicedFrom]=20200101", "filters[invoicedTo]=20200101"])
        #expect(open.queries.map(Fixtures.query) == [["filters[statuses]=100,300,500"]])
        guard case .listQueries(let queries) = open.leavers else { return }
        let leaver = KnownOrder(id: "1", orderedAt: try Fixtures.instant("2020-01-01T09:55:00Z"))
        #expect(queries([leaver]).map(Fixtures.query) == [["filters[createdFrom]=20200101", "filters[createdTo]=20200101"]])
    }

    @Test func registryAndAuth() throws {
        #expect(DialectRegistry.adapter(named: "formations") == FormationsAdapter.self)
        #expect(FormationsAdapter.authKind == .token)
        #expect(FormationsAdapter.name == "formations")
    }
}

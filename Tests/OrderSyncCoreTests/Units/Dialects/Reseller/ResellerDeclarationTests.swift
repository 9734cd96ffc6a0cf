import Foundation
import Testing

@testable import OrderSyncCore

/// What the reseller adapter declares to the engine, and how its options are validated.
struct ResellerDeclarationTests {
    @Test func registeredWithUsernameAndPassword() {
        #expect(DialectRegistry.adapter(named: "reseller") != nil)
        #expect(ResellerAdapter.authKind == .usernamePassword)
        #expect(DialectRegistry.requirements.contains { $0.name == "reseller" && $0.auth == .usernamePassword && $0.options == ResellerOptions.declarations })
    }

    @Test func listIsABareArrayPagedByHeaders() throws {
        let list = try ResellerFixtures.adapter().list
        #expect(list.path == "/api/v1/orders")
        #expect(list.query == [URLQueryItem(name: "sort", value: "+submit_date,+id")])
        #expect(list.recordsPath == [])
        #expect(list.pagination.pageParameter == "page")
        #expect(list.pagination.pageSizeParameter == "per_page")
        #expect(list.pagination.pageSize == 100)
        #expect(list.pagination.firstPage == 1)
        guard case .totalPagesInHeader(let header) = list.pagination.end else {
            Issue.record("expected the page count in a header")
            return
        }
        #expect(header == "X-pages")
        #expect(try ResellerFixtures.adapter(ResellerFixtures.source(pageSize: 25)).list.pagination.pageSize == 25)
        #expect(try ResellerFixtures.adapter().detail == nil, "list items carry their lines")
    }

    @Test func pollReadsNewOrdersThenTheOpenSet() throws {
        let streams = try ResellerFixtures.adapter().pollStreams
        #expect(streams.map(\.name) == ["orders", "open_orders"])
        guard case .dateWindow(let window) = streams[0], case .openOrders(let open) = streams[1] else {
            Issue.record("unexpected streams \(streams.map(\.name))")
            return
        }
        #expect(window.granularity == .second)
        #expect(open.queries == [[URLQueryItem(name: "q", value: "status<3")],
                                 [URLQueryItem(name: "q", value: "status>=3,paid:0")]])
    }

    @Test func leaversAreReadByIDByDefault() throws {
        let adapter = try ResellerFixtures.adapter()
        guard case .openOrders(let open) = adapter.pollStreams[1], case .listQueries(let queries) = open.leavers else {
            Issue.record("expected list queries for leavers")
            return
        }
        let leavers = [KnownOrder(id: "1042", orderedAt: try ResellerFixtures.instant("2026-04-30T10:00:00Z")),
                       KnownOrder(id: "1077", orderedAt: nil)]
        #expect(queries(leavers) == [[URLQueryItem(name: "q", value: "id:1042")], [URLQueryItem(name: "q", value: "id:1077")]])
        #expect(queries([]) == [])
    }

    @Test func leaversCanBeReadByOneDateWalk() throws {
        let leavers = [
            KnownOrder(id: "1042", orderedAt: try ResellerFixtures.instant("2026-04-30T10:00:00Z")),
            KnownOrder(id: "1050", orderedAt: try ResellerFixtures.instant("2026-04-12T08:30:00Z")),
            KnownOrder(id: "1077", orderedAt: nil),
        ]
        #expect(ResellerAdapter.leaverQueries(leavers, recheck: .submittedSince) == [
            [URLQueryItem(name: "q", value: "submit_date>=2026-04-12T08:30:00Z,status>=3,paid:1")],
            [URLQueryItem(name: "q", value: "id:1077")],
        ])
    }

    @Test func backfillWalksSubmitDateWindows() throws {
        guard case .dateWindow(let window) = try ResellerFixtures.adapter().backfill else {
            Issue.record("expected a date window backfill")
            return
        }
        #expect(window.granularity == .second)
        #expect(window.name == "orders")
    }

    // MARK: Options

    @Test func optionDefaults() throws {
        let adapter = try ResellerFixtures.adapter()
        #expect(adapter.options == ResellerOptions())
        #expect(adapter.options.leaverRecheck == .byID)
        #expect(adapter.options.tokenRefreshFraction == 0.9)
    }

    @Test func validOptionsAreRead() throws {
        let options = try ResellerOptions(["leaver_recheck": .string("submitted_since"), "token_refresh_fraction": .number("0.5")])
        #expect(options.leaverRecheck == .submittedSince)
        #expect(options.tokenRefreshFraction == 0.5)
        #expect(try ResellerOptions(["token_refresh_fraction": .number("1")]).tokenRefreshFraction == 1)
    }

    @Test(arguments: [
        (JSONObject(["leaver_recheck": .string("by-id")]), "options.leaver_recheck", "by_id, submitted_since"),
        (JSONObject(["leaver_recheck": .number("1")]), "options.leaver_recheck", "got 1"),
        (JSONObject(["token_refresh_fraction": .number("0")]), "options.token_refresh_fraction", "above 0"),
        (JSONObject(["token_refresh_fraction": .number("1.5")]), "options.token_refresh_fraction", "at most 1"),
        (JSONObject(["token_refresh_fraction": .string("0.9")]), "options.token_refresh_fraction", "got \"0.9\""),
        (JSONObject(["token_refresh_fractoin": .number("0.9")]), "options.token_refresh_fractoin", "did you mean \"token_refresh_fraction\""),
        (JSONObject(["q": .string("status<3")]), "options.q", "leaver_recheck, token_refresh_fraction"),
    ])
    func badOptionsNameTheirKey(options: JSONObject, path: String, message: String) {
        do {
            _ = try ResellerAdapter(source: ResellerFixtures.source(options: options))
            Issue.record("accepted \(options)")
        } catch {
            #expect(error.path == path)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func registryPrefixesTheSourcePath() {
        do {
            _ = try DialectRegistry.makeAdapter(for: ResellerFixtures.source(options: ["token_refresh_fraction": .number("2")]), index: 3)
            Issue.record("accepted a fraction of 2")
        } catch {
            #expect(error.path == "sources[3].options.token_refresh_fraction")
        }
    }

    @Test func authorizerComesFromUsernameAndPassword() throws {
        let adapter = try ResellerFixtures.adapter()
        #expect(adapter.makeAuthorizer(source: ResellerFixtures.source()) is ResellerAuthorizer)
    }
}

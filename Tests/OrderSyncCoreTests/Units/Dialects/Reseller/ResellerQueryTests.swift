#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Foundation
import Testing

@testable import OrderSyncCore

/// The `q` filter builder: one test per operator the doc lists, the combination, and the
/// encoding as it actually goes over the wire.
struct ResellerQueryTests {
    static let instant = Instant(secondsSinceEpoch: 1_777_543_200)  // 2026-04-30T10:00:00Z

    @Test func equal() {
        #expect(ResellerQuery.id(.equal, 1042).description == "id:1042")
        #expect(ResellerQuery.submitDate(.equal, Self.instant).description == "submit_date:2026-04-30T10:00:00Z")
        #expect(ResellerQuery.paid(.equal, false).description == "paid:0")
    }

    @Test func notEqual() {
        #expect(ResellerQuery.id(.notEqual, 7).description == "id!:7")
        #expect(ResellerQuery.status(.notEqual, 4).description == "status!:4")
        #expect(ResellerQuery.paid(.notEqual, true).description == "paid!:1")
    }

    @Test func greater() {
        #expect(ResellerQuery.id(.greater, 1000).description == "id>1000")
        #expect(ResellerQuery.submitDate(.greater, Self.instant).description == "submit_date>2026-04-30T10:00:00Z")
    }

    @Test func greaterOrEqual() {
        #expect(ResellerQuery.status(.greaterOrEqual, 3).description == "status>=3")
        #expect(ResellerQuery.submitDate(.greaterOrEqual, Self.instant).description == "submit_date>=2026-04-30T10:00:00Z")
    }

    @Test func less() {
        #expect(ResellerQuery.status(.less, 3).description == "status<3")
        #expect(ResellerQuery.submitDate(.less, Self.instant).description == "submit_date<2026-04-30T10:00:00Z")
    }

    @Test func lessOrEqual() {
        #expect(ResellerQuery.id(.lessOrEqual, -1).description == "id<=-1")
        #expect(ResellerQuery.submitDate(.lessOrEqual, Self.instant).description == "submit_date<=2026-04-30T10:00:00Z")
    }

    @Test func like() {
        #expect(ResellerQuery.idLike("10%").description == "id^~10%")
        // A comma would end the criterion: only digits and wildcards survive.
        #expect(ResellerQuery.idLike("1,status<3").description == "id^~13")
    }

    @Test func operatorsAreTheDocumentedOnesPerField() {
        #expect(ResellerQuery.Comparison.allCases.map(\.rawValue) == [":", "!:", ">", ">=", "<", "<="])
        #expect(ResellerQuery.DateComparison.allCases.map(\.rawValue) == [":", ">", ">=", "<", "<="])
        #expect(ResellerQuery.Equality.allCases.map(\.rawValue) == [":", "!:"])
    }

    @Test func criteriaAreCommaSeparatedInOrder() {
        let query = ResellerQuery.submitDate(.greaterOrEqual, Self.instant).and(.status(.less, 3)).and(.paid(.equal, false))
        #expect(query.description == "submit_date>=2026-04-30T10:00:00Z,status<3,paid:0")
        #expect(query.item == URLQueryItem(name: "q", value: query.description))
    }

    @Test func datesAreWrittenInUTCWhateverTheSourceZone() throws {
        let adapter = try ResellerFixtures.adapter(ResellerFixtures.source(timezone: ZoneRules(identifier: "Asia/Tokyo")!))
        guard case .dateWindow(let window) = adapter.backfill else {
            Issue.record("expected a date window backfill")
            return
        }
        let bounds = WindowBounds(from: Self.instant, to: Self.instant.adding(seconds: 3600), timeZone: ZoneRules(identifier: "Asia/Tokyo")!)
        #expect(window.query(bounds) == [URLQueryItem(name: "q", value: "submit_date>=2026-04-30T10:00:00Z,submit_date<2026-04-30T11:00:00Z")])
    }

    /// What the HTTP layer puts on the wire: the whole `q` value percent-encoded, and read back
    /// by a server exactly as built.
    @Test func theWholeValueIsEncodedOnTheWire() async throws {
        let transport = ResellerScriptedTransport { _, _ in ResellerScriptedTransport.json("[]", headers: ["X-pages": "1"]) }
        let client = ResellerScriptedTransport.client(transport, authorizer: nil)
        let query = ResellerQuery.submitDate(.greaterOrEqual, Self.instant).and(.status(.less, 3))
        let adapter = try ResellerFixtures.adapter()
        _ = try await client.send(HTTPRequest(path: adapter.list.path, query: adapter.list.query + [query.item]))

        let url = try #require(transport.requests.first?.url)
        let encoded = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery)
        #expect(encoded == "sort=%2Bsubmit_date%2C%2Bid&q=submit_date%3E%3D2026-04-30T10%3A00%3A00Z%2Cstatus%3C3")
        #expect(transport.requests.first?.queryValue("q") == "submit_date>=2026-04-30T10:00:00Z,status<3")
        #expect(transport.requests.first?.queryValue("sort") == "+submit_date,+id", "an unencoded + would arrive as a space")
    }
}

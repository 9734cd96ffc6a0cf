import Foundation
import Testing

@testable import OrderSyncCore

/// A list ends only on the server's own evidence: an empty page, the page count it states, a
/// missing next pointer, or a page shorter than a full page it has been seen to return. What the
/// configuration asked for is never evidence: a server may ignore or clamp the page size.
@Suite("Trust: a list ends on the server's evidence")
struct ListEndEvidenceTests {
    /// A server with `total` orders and a fixed page size of `serverPageSize`, whatever is asked.
    static func fixedPageServer(total: Int, serverPageSize: Int) -> ScriptedUpstream {
        ScriptedUpstream { _, query in
            let page = Int(query["page"] ?? "1") ?? 1
            let start = (page - 1) * serverPageSize
            return ScriptedUpstream.orders(min(start, total)..<min(start + serverPageSize, total))
        }
    }

    @Test("a page size the server ignores never ends a short-page list early", arguments: [(1_234, 50), (100, 50), (49, 50), (0, 50)])
    func configuredPageSizeIsNotEvidence(total: Int, serverPageSize: Int) async throws {
        let upstream = Self.fixedPageServer(total: total, serverPageSize: serverPageSize)
        // Asked for 100 a page: every page of 50 looks "short" to a walker that trusts the config.
        let walker = upstream.walker(Pagination(pageSize: 100, end: .shortPage))
        let ids = try await ScriptedUpstream.ids(walker)
        #expect(ids.count == total)
        #expect(Set(ids).count == total)
        // Once the server has filled a page and followed it with more, its short page ends the walk.
        // Before that, a short first page costs one more request: the empty page that proves the end.
        let expectedRequests = total == 0 ? 1 : total < serverPageSize ? 2 : total / serverPageSize + 1
        #expect(upstream.requested.count == expectedRequests, "\(upstream.requested.count) requests")
    }

    @Test("a server that clamps per_page still ends on its stated page count")
    func clampedPageSizeWithTotals() async throws {
        // Asked for 100, answers 37 a page with correct totals.
        let total = 500
        let upstream = ScriptedUpstream { _, query in
            let page = Int(query["page"] ?? "1") ?? 1
            let start = (page - 1) * 37
            let pages = (total + 36) / 37
            return ScriptedUpstream.orders(min(start, total)..<min(start + 37, total), extra: #""pagination": {"last_page": \#(pages)}"#)
        }
        let ids = try await ScriptedUpstream.ids(upstream.walker(Pagination(pageSize: 100, end: .totalPagesInBody(["pagination", "last_page"]))))
        #expect(ids.count == total)
    }

    @Test("cursor tokens: the list ends when the server gives no next cursor")
    func cursorPagination() async throws {
        let upstream = ScriptedUpstream { _, query in
            let after = Int(query["after"] ?? "0") ?? 0
            let page = after..<min(after + 10, 35)
            let next = page.upperBound < 35 ? #""\#(page.upperBound)""# : "null"
            return ScriptedUpstream.orders(page, extra: #""meta": {"next_cursor": \#(next)}"#)
        }
        let pagination = Pagination(style: .cursor(parameter: "after", next: .body(["meta", "next_cursor"])), pageSizeParameter: "limit", pageSize: 10)
        let ids = try await ScriptedUpstream.ids(upstream.walker(pagination))
        #expect(ids == (0..<35).map(String.init))
        #expect(upstream.requested.count == 4)
        #expect(upstream.requested.first?.query?.contains("after") == false, "the first page has no cursor")
    }

    @Test("next links: followed on the source's origin, refused to another host")
    func nextLinks() async throws {
        let upstream = ScriptedUpstream { path, query in
            let page = Int(query["page_info"] ?? "0") ?? 0
            var headers: [String: String] = [:]
            if page < 2 { headers["Link"] = #"<https://upstream.example/api/orders?page_info=\#(page + 1)&limit=5>; rel="next""# }
            return ScriptedUpstream.orders(page * 5..<(page * 5 + 5), headers: headers)
        }
        let ids = try await ScriptedUpstream.ids(upstream.walker(Pagination(style: .nextLink(.linkHeader), pageSizeParameter: "limit", pageSize: 5)))
        #expect(ids.count == 15)
        #expect(upstream.requested.map(\.host) == ["upstream.example", "upstream.example", "upstream.example"])

        let elsewhere = ScriptedUpstream { _, _ in
            ScriptedUpstream.orders(0..<5, headers: ["Link": #"<https://evil.example/api/orders?page_info=1>; rel="next""#])
        }
        await #expect {
            _ = try await ScriptedUpstream.ids(elsewhere.walker(Pagination(style: .nextLink(.linkHeader), pageSizeParameter: "limit", pageSize: 5)))
        } throws: { error in
            "\(error)".contains("leaves the source's base URL")
        }
        #expect(elsewhere.requested.count == 1, "nothing is sent to the other host")
    }

    @Test("a cursor that does not move is a repeated page, not an endless walk")
    func stuckCursor() async throws {
        let upstream = ScriptedUpstream { _, _ in ScriptedUpstream.orders(0..<3, extra: #""meta": {"next_cursor": "same"}"#) }
        let pagination = Pagination(style: .cursor(parameter: "after", next: .body(["meta", "next_cursor"])), pageSizeParameter: nil, pageSize: 3)
        await #expect {
            _ = try await ScriptedUpstream.ids(upstream.walker(pagination))
        } throws: { error in
            guard case SyncError.repeatedPage = error else { return false }
            return true
        }
        #expect(upstream.requested.count <= 3)
    }

    @Test("the RFC 8288 Link header is read for rel=next among other relations")
    func linkHeaderParsing() {
        #expect(LinkTarget.nextLink(inLinkHeader: #"<https://a.example/x?p=1>; rel="prev", <https://a.example/x?p=3>; rel="next""#)
                == "https://a.example/x?p=3")
        #expect(LinkTarget.nextLink(inLinkHeader: #"<https://a.example/x?p=3>; rel="last""#) == nil)
    }
}

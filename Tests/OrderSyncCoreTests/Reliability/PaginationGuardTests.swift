import Testing

@testable import OrderSyncCore

/// The walker never loops forever and never takes garbage for data: an upstream that always
/// says "more", ignores the page parameter, answers non-JSON or too much is stopped with an
/// error that says which, after a bounded number of requests.
@Suite("Reliability: pagination guards")
struct PaginationGuardTests {
    typealias Upstream = PagingUpstream

    @Test func aWellBehavedUpstreamEndsOnTheShortPage() async throws {
        let upstream = Upstream { page, _ in Upstream.page(ids: (page * 10)..<(page * 10 + (page < 3 ? 2 : 1))) }
        let counts = try await Upstream.pageCounts(Upstream.walker(upstream))
        #expect(counts == [2, 2, 1])
        #expect(upstream.requestedPages == [1, 2, 3])
    }

    @Test(arguments: [Pagination.End.shortPage, .totalPagesInBody(["pagination", "last_page"])])
    func fullPagesForeverStopAtMaxPages(end: Pagination.End) async throws {
        // Distinct records on every page, and a total that is always one page further.
        let upstream = Upstream { page, _ in Upstream.page(ids: (page * 10)..<(page * 10 + 2), lastPage: page + 1) }
        await #expect {
            _ = try await Upstream.pageCounts(Upstream.walker(upstream, end: end, maxPages: 5))
        } throws: { error in
            guard case SyncError.runawayPagination(let path, let pages) = error else { return false }
            return path == "/api/orders/list" && pages == 5
        }
        #expect(upstream.requestedPages == [1, 2, 3, 4, 5])
    }

    @Test func runawayDescriptionSaysWhatToCheck() {
        let text = SyncError.runawayPagination(path: "/api/orders/list", pages: 5).description
        #expect(text.contains("/api/orders/list") && text.contains("5 pages") && text.contains("pagination"))
    }

    @Test(arguments: [false, true])
    func anUpstreamIgnoringThePageParameterIsCaught(echoesPage: Bool) async throws {
        // Same records every time; the envelope may still echo the page asked for.
        let upstream = Upstream { page, _ in Upstream.page(ids: 1..<3, lastPage: 1_000, echo: echoesPage ? page : nil) }
        await #expect {
            _ = try await Upstream.pageCounts(
                Upstream.walker(upstream, end: .totalPagesInBody(["pagination", "last_page"]), maxPages: 100))
        } throws: { error in
            guard case SyncError.repeatedPage(_, let page) = error else { return false }
            return page == "page 2"
        }
        #expect(upstream.requestedPages == [1, 2])
    }

    @Test func aNonJSONBodyIsRetriedThenRefused() async throws {
        let upstream = Upstream { _, _ in Upstream.text("<html><body>502 Bad Gateway</body></html>") }
        await #expect {
            _ = try await Upstream.pageCounts(Upstream.walker(upstream))
        } throws: { error in
            guard case SyncError.invalidBody(let path, _) = error else { return false }
            return path == "/api/orders/list" && "\(error)".contains("not JSON")
        }
        // The walker's own retries for a bad body (three attempts), nothing beyond.
        #expect(upstream.requestedPages == [1, 1, 1])
    }

    @Test func garbageThenAGoodBodySucceeds() async throws {
        let upstream = Upstream { page, attempt in
            switch (page, attempt) {
            case (1, 1): Upstream.text("")
            case (2, 1): Upstream.text(#"{"success": true, "data": [{"id": 7"#)
            case (2, 2): Upstream.text("proxy error")
            default: Upstream.page(ids: (page * 10)..<(page * 10 + (page == 1 ? 2 : 1)))
            }
        }
        let counts = try await Upstream.pageCounts(Upstream.walker(upstream))
        #expect(counts == [2, 1])
        #expect(upstream.requestedPages == [1, 1, 2, 2, 2])
    }

    @Test func theBodyRetryWaitsThroughTheClientsSleeper() async throws {
        // Like every other wait of a sync, the pause before re-asking for a garbled page is the
        // injected sleeper's, so tests and a shutting-down daemon never sit through real backoff.
        let waits = LockedBox<[Duration]>([])
        let upstream = Upstream { page, attempt in
            page == 1 && attempt < 3 ? Upstream.text("<html>busy</html>") : Upstream.page(ids: page == 1 ? 0..<1 : 0..<0)
        }
        let walker = Upstream.walker(upstream, sleeper: Sleeper { duration in waits.withValue { $0.append(duration) } })
        // A short first page is not the end until the server has been seen to fill a page.
        #expect(try await Upstream.pageCounts(walker) == [1, 0])
        #expect(waits.current.count == 2, "waits through the sleeper: \(waits.current)")
    }

    @Test func aResponseOverTheSizeLimitIsAnErrorNotRetried() async throws {
        let upstream = Upstream { page, _ in Upstream.page(ids: 0..<200) }
        await #expect {
            _ = try await Upstream.pageCounts(Upstream.walker(upstream, pageSize: 200, maxAttempts: 3, maxResponseBytes: 512))
        } throws: { error in
            guard case SyncError.http(let http) = error else { return false }
            return http.kind == .transport(.tooLarge(512)) && http.description.contains("larger than 512 bytes")
        }
        // The configured limit reached the transport, and a body too large is not asked for again.
        #expect(upstream.limits.map(\.maxResponseBytes) == [512])
        #expect(upstream.requestedPages == [1])
    }

    @Test func aFailureEnvelopeIsRetriedUpToMaxAttemptsThenFails() async throws {
        // Never ending: a server that keeps answering the failure envelope is asked max_attempts times.
        let always = Upstream { _, _ in Upstream.text(#"{"success": false, "message": "Temporary failure, please retry"}"#) }
        await #expect(throws: SyncError.self) { _ = try await Upstream.pageCounts(Upstream.walker(always, maxAttempts: 3)) }
        #expect(always.requestedPages == [1, 1, 1])
        // A passing one is retried and the walk goes on.
        let once = Upstream { page, attempt in
            page == 1 && attempt == 1 ? Upstream.text(#"{"success": false, "message": "busy"}"#) : Upstream.page(ids: page == 1 ? 0..<1 : 0..<0)
        }
        #expect(try await Upstream.pageCounts(Upstream.walker(once, maxAttempts: 3)) == [1, 0])
        #expect(once.requestedPages == [1, 1, 2])
    }

    @Test func aFailureEnvelopeIsAnUpstreamErrorNotData() async throws {
        let upstream = Upstream { _, _ in Upstream.text(#"{"success": false, "message": "maintenance"}"#) }
        await #expect {
            _ = try await Upstream.pageCounts(Upstream.walker(upstream))
        } throws: { error in
            guard case SyncError.upstream(_, let upstreamError) = error else { return false }
            return upstreamError.message == "maintenance"
        }
        #expect(upstream.requestedPages == [1])
    }
}

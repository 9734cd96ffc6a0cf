import FoundationEssentials

/// Where a dialect lists orders and how its pages are laid out: the declaration the shared
/// `PageWalker` follows.
public struct ListEndpoint: Sendable {
    /// The path below the source's base URL, e.g. `/obapi/v1/orders`.
    public var path: String
    /// Parameters sent with every list request (a sort order, a fixed filter).
    public var query: [URLQueryItem]
    public var pagination: Pagination
    /// Where the array of records sits in the body; empty when the body is the array.
    public var recordsPath: [String]

    public init(path: String, query: [URLQueryItem] = [], pagination: Pagination, recordsPath: [String]) {
        self.path = path
        self.query = query
        self.pagination = pagination
        self.recordsPath = recordsPath
    }

    /// The request for the page at `position`, `query` added to the endpoint's own: the one
    /// place a list request is built, for the `PageWalker` and for `check-config --probe`'s
    /// first page alike. A next-page link is resolved against `baseURL` (and must stay under it).
    func request(at position: PagePosition, query: [URLQueryItem], baseURL: URL) throws -> HTTPRequest {
        var items = self.query + query
        switch (pagination.style, position) {
        case (.pageNumber(let parameter, _, _), .page(let number)):
            items.append(URLQueryItem(name: parameter, value: String(number)))
        case (.cursor(let parameter, _), .after(let token)):
            items.append(URLQueryItem(name: parameter, value: token))
        case (.cursor, .page), (.nextLink, .page):
            // The first page of a cursor or link list carries no pointer.
            break
        case (.nextLink, .after(let link)):
            // The link carries the whole query, page size included.
            let (linkPath, linkItems) = try LinkTarget.resolve(link, baseURL: baseURL, listPath: path)
            return HTTPRequest(path: linkPath, query: linkItems, headers: ["Accept": "application/json"])
        case (.pageNumber, .after):
            throw SyncError.unexpectedShape(path: path, "a saved cursor position cannot resume a page-numbered list")
        }
        if let sizeParameter = pagination.pageSizeParameter {
            items.append(URLQueryItem(name: sizeParameter, value: String(pagination.pageSize)))
        }
        return HTTPRequest(path: path, query: items, headers: ["Accept": "application/json"])
    }
}

/// How a list is paged and how its last page is recognised: page numbers (with the end in the
/// body, a header, or an empty/short page), a cursor token, or a link to the next page.
///
/// A list ends only on the server's own evidence: an empty page, the page count it states, a
/// missing next token or link, or, where a dialect can only tell by a short page, a page shorter
/// than a full page the server has been *seen* to return in the same walk (never shorter than
/// the size we asked for: an upstream may ignore or clamp that).
public struct Pagination: Sendable {
    public enum End: Sendable {
        /// The body holds the number of pages, at this path (`pagination.total_pages`).
        case totalPagesInBody([String])
        /// A response header holds the number of pages (`X-pages`).
        case totalPagesInHeader(String)
        /// An empty page is the last; so is a page shorter than a full page the server has
        /// returned earlier in the same walk (a page it followed with more records). Learned per
        /// walk, never kept: a server whose page size shrinks later cannot end a list early.
        case shortPage
    }

    /// Where an upstream puts the pointer to the next page.
    public enum Pointer: Sendable {
        /// A value in the body at this path (`meta.next_cursor`); absent, null or "" ends the list.
        case body([String])
        /// A response header holding the value.
        case header(String)
        /// An RFC 8288 `Link` header's `rel="next"` target.
        case linkHeader
    }

    public enum Style: Sendable {
        /// `?page=N`, counting from `first`.
        case pageNumber(parameter: String, first: Int, end: End)
        /// `?parameter=TOKEN`, the token read from `next` on each page; none on the first page.
        case cursor(parameter: String, next: Pointer)
        /// The next page is a URL the upstream gives (absolute or relative); it must stay on the
        /// source's origin and under its base path, or the walk fails (credentials never leave).
        case nextLink(Pointer)
    }

    public var style: Style
    /// Nil when the upstream's page size is fixed and cannot be asked for.
    public var pageSizeParameter: String?
    /// The size asked for (and, for resumed page numbers, the size the saved page counts in).
    public var pageSize: Int
    /// A guard against an upstream that never says "last page".
    public var maxPages: Int

    /// Page-number pagination.
    public init(
        pageParameter: String = "page", pageSizeParameter: String? = "per_page", pageSize: Int, firstPage: Int = 1,
        end: End, maxPages: Int = 100_000
    ) {
        self.init(style: .pageNumber(parameter: pageParameter, first: firstPage, end: end),
                  pageSizeParameter: pageSizeParameter, pageSize: pageSize, maxPages: maxPages)
    }

    public init(style: Style, pageSizeParameter: String?, pageSize: Int, maxPages: Int = 100_000) {
        self.style = style
        self.pageSizeParameter = pageSizeParameter
        self.pageSize = pageSize
        self.maxPages = maxPages
    }

    /// Where a walk from the beginning starts.
    public var start: PagePosition { .page(firstPage) }

    /// The page-number parameter, for page-numbered lists.
    public var pageParameter: String? {
        if case .pageNumber(let parameter, _, _) = style { return parameter }
        return nil
    }

    /// The first page number (0 for cursor and link styles, whose first page has no pointer).
    public var firstPage: Int {
        if case .pageNumber(_, let first, _) = style { return first }
        return 0
    }

    /// How a page-numbered list ends; nil for cursor and link styles (no pointer ends them).
    public var end: End? {
        if case .pageNumber(_, _, let end) = style { return end }
        return nil
    }
}

/// One request per new or changed order, for what the list leaves out (lines, billing).
public struct DetailFetch: Sendable {
    /// The detail path for a list item, e.g. `/obapi/v1/orders/350`.
    public var path: @Sendable (_ orderID: String) -> String
    /// Where the detail sits in the response body (`["order"]`, `["data"]`); empty for the body.
    public var recordPath: [String]
    /// Nil merges the detail object's members over the list item's; a key embeds the detail
    /// value under that key instead (for a detail that is a bare array of lines).
    public var embedUnder: String?

    public init(path: @escaping @Sendable (_ orderID: String) -> String, recordPath: [String] = [], embedUnder: String? = nil) {
        self.path = path
        self.recordPath = recordPath
        self.embedUnder = embedUnder
    }
}

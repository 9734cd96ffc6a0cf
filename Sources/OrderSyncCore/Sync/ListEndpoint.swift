import Foundation

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
}

/// Page-number pagination and how the last page is recognised.
public struct Pagination: Sendable {
    public enum End: Sendable {
        /// The body holds the number of pages, at this path (`pagination.total_pages`).
        case totalPagesInBody([String])
        /// A response header holds the number of pages (`X-pages`).
        case totalPagesInHeader(String)
        /// A page shorter than the page size, or an empty one, is the last.
        case shortPage
    }

    public var pageParameter: String
    /// Nil when the upstream's page size is fixed and cannot be asked for.
    public var pageSizeParameter: String?
    public var pageSize: Int
    public var firstPage: Int
    public var end: End
    /// A guard against an upstream that never says "last page".
    public var maxPages: Int

    public init(
        pageParameter: String = "page", pageSizeParameter: String? = "per_page", pageSize: Int, firstPage: Int = 1,
        end: End, maxPages: Int = 100_000
    ) {
        self.pageParameter = pageParameter
        self.pageSizeParameter = pageSizeParameter
        self.pageSize = pageSize
        self.firstPage = firstPage
        self.end = end
        self.maxPages = maxPages
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

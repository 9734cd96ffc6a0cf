/// One page of a list as the walker hands it to a stream: the records, where the page
/// started, and where the next one starts (nil on the last page).
struct ListPage {
    var position: PagePosition
    var records: [JSONValue]
    var next: PagePosition?

    /// True when the server's own evidence says no page follows.
    var isLast: Bool { next == nil }
}

/// One page of a list as the walker hands it to a stream: the records and where it stands.
struct ListPage {
    var number: Int
    var records: [JSONValue]
    /// True when the walker knows no page follows.
    var isLast: Bool
}

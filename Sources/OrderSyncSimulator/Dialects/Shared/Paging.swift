/// Page arithmetic shared by the paginated dialects.
struct Paging: Sendable {
    let page: Int
    let perPage: Int
    let total: Int

    /// The last page number; 1 for an empty list, as Laravel-style APIs answer.
    var lastPage: Int {
        max(1, (total + perPage - 1) / perPage)
    }

    /// The range of positions on this page (empty beyond the end).
    var range: Range<Int> {
        let start = min(total, (page - 1) * perPage)
        return start..<min(total, start + perPage)
    }

    /// This page's elements of an already filtered and sorted list.
    func slice<T>(_ items: [T]) -> [T] {
        Array(items[range])
    }
}

/// The page sizes an upstream has been *seen* to return, per list path, for lists whose end is
/// a short page. A page counts as full only once the server has followed it with another
/// non-empty page: a size we asked for, or one a config claims, is never evidence (the server
/// may ignore or clamp it). Until a size is known, only an empty page ends such a list.
final class PageSizeMemory: Sendable {
    private let sizes = LockedBox<[String: Int]>([:])

    /// The full page size seen on `path`, if any.
    func fullPageSize(_ path: String) -> Int? {
        sizes.withValue { $0[path] }
    }

    /// Records that a page of `count` records on `path` was followed by more records.
    func sawFullPage(_ path: String, count: Int) {
        guard count > 0 else { return }
        sizes.withValue { $0[path] = max($0[path] ?? 0, count) }
    }
}

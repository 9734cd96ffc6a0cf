import Foundation
import OrderSyncTesting

/// An erp server as `docs/dialects/erp.md` describes it, whose orders a test can change while it
/// runs: delete one (no longer listed, its detail answers 404), bring it back, change a status.
/// `date_start`/`date_end` filter `date_order` (inclusive); `status` filters the status; sorted
/// by reference; `per_page` above 200 is a 400. `listDelay` slows every list page down.
final class ERPUpstream: @unchecked Sendable {
    static let listPath = "/obapi/v1/orders"

    let firstID = 100_001
    let days: [Int]
    let listDelay: TimeInterval
    private let lock = NSLock()
    private var statuses: [String]
    private var deleted = Set<Int>()

    /// `count` orders spread over `dayCount` days from `firstDay`; statuses cycle through the
    /// documented five, so some are terminal (delivered, cancelled) and some open.
    init(count: Int, firstDay: Int, dayCount: Int, listDelay: TimeInterval = 0) {
        days = (0..<count).map { firstDay + $0 * dayCount / count }
        statuses = (0..<count).map { ["validated", "delivered", "in_progress", "cancelled", "draft"][$0 % 5] }
        self.listDelay = listDelay
    }

    var allIDs: [Int] { Array(firstID..<(firstID + days.count)) }

    /// The ids the server holds now.
    var ids: Set<String> {
        locked { Set(allIDs.filter { !deleted.contains($0) }.map(String.init)) }
    }

    func status(_ id: Int) -> String { locked { statuses[id - firstID] } }

    func delete(_ id: Int) { _ = locked { deleted.insert(id) } }

    func restore(_ id: Int) { _ = locked { deleted.remove(id) } }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    static func isDetail(_ path: String) -> Bool { path.hasPrefix(listPath + "/") }

    func respond(_ request: HostileUpstream.Request) -> HostileUpstream.Response {
        guard request.method == "GET" else { return .json("{}", status: 405) }
        if request.path == Self.listPath {
            if listDelay > 0 { Thread.sleep(forTimeInterval: listDelay) }
            return list(request)
        }
        guard Self.isDetail(request.path), let id = Int(request.path.dropFirst(Self.listPath.count + 1)),
              (firstID..<(firstID + days.count)).contains(id), !locked({ deleted.contains(id) })
        else { return .json(#"{"error": {"code": 404, "message": "Order not found"}}"#, status: 404) }
        var order = item(id - firstID)
        order.removeLast()
        order += #", "created_at": "\#(Day.text(days[id - firstID]))T08:00:00Z", "updated_at": "\#(Day.text(days[id - firstID]))T09:00:00Z", "lines": [{"id": "\#(id * 10)", "position": 1, "product_ref": "CONSULTING-01", "product_label": "Consulting", "quantity": "2.00", "unit_price_excl_tax": "50.00", "total_excl_tax": "100.00", "total_vat": "20.00", "total_incl_tax": "120.00"}]}"#
        return .json(#"{"order": \#(order)}"#)
    }

    private func list(_ request: HostileUpstream.Request) -> HostileUpstream.Response {
        let perPage = request.query("per_page").flatMap { Int($0) } ?? 50
        guard (1...200).contains(perPage) else {
            return .json(#"{"error": {"code": 400, "message": "per_page must be between 1 and 200"}}"#, status: 400)
        }
        let from = request.query("date_start").flatMap(Day.parse) ?? Int.min / 2
        let to = request.query("date_end").flatMap(Day.parse) ?? Int.max / 2
        let wanted = request.query("status")
        let page = max(1, request.query("page").flatMap { Int($0) } ?? 1)
        let matching: [Int] = locked {
            // An inverted window (start after end) matches nothing, as a real filter would.
            (days.lowerBound(from)..<max(days.lowerBound(from), days.lowerBound(to + 1))).filter { index in
                !deleted.contains(firstID + index) && (wanted == nil || statuses[index] == wanted)
            }
        }
        let totalPages = max(1, (matching.count + perPage - 1) / perPage)
        let start = (page - 1) * perPage
        let items = start < matching.count ? matching[start..<min(matching.count, start + perPage)].map(item) : []
        return .json(#"{"items": [\#(items.joined(separator: ","))], "pagination": {"page": \#(page), "per_page": \#(perPage), "total_items": \#(matching.count), "total_pages": \#(totalPages)}}"#)
    }

    private func item(_ index: Int) -> String {
        let id = firstID + index
        let status = locked { statuses[index] }
        return #"{"id": "\#(id)", "ref": "CO-\#(id)", "customer_ref": "PO-\#(index % 40)", "date_order": "\#(Day.text(days[index]))", "status": "\#(status)", "is_billed": false, "total_excl_tax": "100.00", "total_vat": "20.00", "total_incl_tax": "120.00"}"#
    }
}

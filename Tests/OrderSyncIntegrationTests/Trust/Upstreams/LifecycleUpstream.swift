import Foundation
import OrderSyncTesting

/// A lifecycle server that clamps `per_page`: asked for 100, it answers at most 37 per page,
/// and says so honestly in `pagination` (`per_page`, `last_page`, `total`). `date_from` and
/// `date_to` filter the creation day, both inclusive; items sorted by id.
struct LifecycleUpstream: Sendable {
    static let maximumPerPage = 37

    let firstID = 300_001
    let days: [Int]

    init(count: Int, firstDay: Int, dayCount: Int) {
        days = (0..<count).map { firstDay + $0 * dayCount / count }
    }

    var ids: Set<String> { Set((0..<days.count).map { String(firstID + $0) }) }

    func respond(_ request: HostileUpstream.Request) -> HostileUpstream.Response {
        guard request.method == "GET" else { return .json("{}", status: 405) }
        if request.path == "/api/orders/list" { return list(request) }
        let parts = request.path.split(separator: "/")
        if parts.count == 3, parts[0] == "api", parts[1] == "orders", let id = Int(parts[2]),
           (firstID..<(firstID + days.count)).contains(id) {
            var order = item(id - firstID)
            order.removeLast()
            order += #", "items": [{"id": \#(id * 10), "product_id": 7, "product_name": "Cleaning", "quantity": 1, "price": "12.00"}], "billing": {"company_name": "Client \#(id)"}}"#
            return .json(#"{"success": true, "data": \#(order)}"#)
        }
        return .notFound
    }

    private func list(_ request: HostileUpstream.Request) -> HostileUpstream.Response {
        let from = request.query("date_from").flatMap(Day.parse) ?? Int.min / 2
        let to = request.query("date_to").flatMap(Day.parse) ?? Int.max / 2
        let asked = request.query("per_page").flatMap { Int($0) } ?? 15
        let perPage = min(max(asked, 1), Self.maximumPerPage)
        let page = max(1, request.query("page").flatMap { Int($0) } ?? 1)
        let lower = days.lowerBound(from), upper = days.lowerBound(to + 1)
        let total = upper - lower
        let lastPage = max(1, (total + perPage - 1) / perPage)
        let start = lower + (page - 1) * perPage
        let items = start < upper ? (start..<min(upper, start + perPage)).map(item) : []
        return .json(#"{"success": true, "data": [\#(items.joined(separator: ","))], "pagination": {"current_page": \#(page), "per_page": \#(perPage), "total": \#(total), "last_page": \#(lastPage)}}"#)
    }

    private func item(_ index: Int) -> String {
        let id = firstID + index
        let stamp = Day.text(days[index]) + String(format: "T%02d:%02d:00.000000Z", index % 24, index % 60)
        return #"{"id": \#(id), "order_id": \#(900_000 + index), "customer_id": "CUST-\#(index % 50)", "total": "12.00", "total_tax": "2.00", "status": "completed", "currency_symbol": "€", "created_at": "\#(stamp)", "updated_at": "\#(stamp)"}"#
    }
}

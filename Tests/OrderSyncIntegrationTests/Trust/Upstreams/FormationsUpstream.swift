import Foundation
import OrderSyncTesting

/// A formations server as `docs/dialects/formations.md` describes it, with the page size fixed at
/// 50 whatever the client asks: a bare JSON array per page, `filter[createdFrom/To]` (Ymd,
/// inclusive), one order line per order.
struct FormationsUpstream: Sendable {
    static let pageSize = 50

    /// Order `i` has id `firstID + i`; orders are sorted by creation time.
    let firstID = 500_001
    let days: [Int]
    let seconds: [Int]

    /// `count` orders spread evenly over `dayCount` days starting at `firstDay`.
    init(count: Int, firstDay: Int, dayCount: Int) {
        var days: [Int] = [], seconds: [Int] = []
        days.reserveCapacity(count)
        seconds.reserveCapacity(count)
        for index in 0..<count {
            // Spread within the day too, so that every order has its own timestamp.
            let position = index * dayCount * 86_400 / count
            days.append(firstDay + position / 86_400)
            seconds.append(position % 86_400)
        }
        self.days = days
        self.seconds = seconds
    }

    var ids: Set<String> { Set((0..<days.count).map { String(firstID + $0) }) }

    func respond(_ request: HostileUpstream.Request) -> HostileUpstream.Response {
        guard request.method == "GET" else { return .json("{}", status: 405) }
        if request.path == "/orders" { return list(request) }
        let parts = request.path.split(separator: "/")
        if parts.count == 3, parts[0] == "orders", parts[2] == "orderlines", let id = Int(parts[1]),
           (firstID..<(firstID + days.count)).contains(id) {
            return .json(#"[{"order_id": \#(id), "description": "", "quantity": 1, "price": 10.00, "tax": 2.00, "product": {"name": "Limited Company Formation"}, "incorporation": {"incorporation_id": \#(id + 1), "company_name": "C\#(id) LTD"}}]"#)
        }
        return .notFound
    }

    private func list(_ request: HostileUpstream.Request) -> HostileUpstream.Response {
        let from = request.query("filter[createdFrom]").flatMap(Day.parse) ?? Int.min / 2
        let to = request.query("filter[createdTo]").flatMap(Day.parse) ?? Int.max / 2
        let page = max(1, request.query("page[number]").flatMap { Int($0) } ?? 1)
        // page[size], per_page, limit: all ignored, as the provider does.
        let lower = days.lowerBound(from), upper = days.lowerBound(to + 1)
        let start = lower + (page - 1) * Self.pageSize
        guard start < upper else { return .json("[]") }
        let items = (start..<min(upper, start + Self.pageSize)).map(item)
        return .json("[" + items.joined(separator: ",") + "]")
    }

    private func item(_ index: Int) -> String {
        let c = Day.civil(days[index])
        let s = seconds[index]
        let created = String(format: "%04d%02d%02d%02d%02d%02d", c.year, c.month, c.day, s / 3_600, s / 60 % 60, s % 60)
        return #"{"id": \#(firstID + index), "description": "C\#(firstID + index) LTD", "created_at": \#(created), "updated_at": \#(created), "invoiced_at": "", "cancelled_at": "", "status": 700, "mlc_status": 700, "net": 10.00, "gross": 12.00}"#
    }
}

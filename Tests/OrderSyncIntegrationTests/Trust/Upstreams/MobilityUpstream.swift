import Foundation
import OrderSyncTesting

/// A mobility server as `docs/dialects/mobility.md` describes it: the `{"success", "result"}`
/// envelope, a list sortable on `created_at`, details with one line each, the statuses table,
/// and invoices that are always empty here. `failingDetail` answers its detail with the
/// failure envelope every time; `faults` adds transient faults to every request.
struct MobilityUpstream: Sendable {
    let firstID = 700_001
    let days: [Int]
    let seconds: [Int]
    var failingDetail: Int?
    var faults: FaultPlan?

    init(count: Int, firstDay: Int, dayCount: Int, failingDetail: Int? = nil, faults: FaultPlan? = nil) {
        let positions = (0..<count).map { $0 * dayCount * 86_400 / count }
        days = positions.map { firstDay + $0 / 86_400 }
        seconds = positions.map { $0 % 86_400 }
        self.failingDetail = failingDetail
        self.faults = faults
    }

    var ids: Set<String> { Set((0..<days.count).map { String(firstID + $0) }) }

    func respond(_ request: HostileUpstream.Request) -> HostileUpstream.Response {
        if let fault = faults?.fault(for: request) { return fault }
        guard request.method == "GET" else { return .json("{}", status: 405) }
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts[0] == "v2.3", parts[1] == "orders" else { return .notFound }
        if parts.count == 2 { return list(request) }
        if parts.count == 3, parts[2] == "statuses" {
            return .json(#"{"success": true, "result": [{"id": 1, "text": "New"}, {"id": 2, "text": "In Progress"}, {"id": 3, "text": "Completed"}, {"id": 4, "text": "Cancelled"}]}"#)
        }
        guard let id = Int(parts[2]), (firstID..<(firstID + days.count)).contains(id) else { return .notFound }
        if parts.count == 4, parts[3] == "invoices" {
            return .json(#"{"success": true, "result": {"items": [], "current_page": 1, "per_page": 20, "last_page": 1, "total": 0}}"#)
        }
        guard parts.count == 3 else { return .notFound }
        if id == failingDetail { return FaultPlan.envelopeFailure }
        var order = item(id - firstID)
        order.removeLast()
        order += #", "details": [{"id": \#(id * 10), "order_id": \#(id), "offer_id": 7001, "offer_name": "Immigration service", "currency_code": "EUR", "unit_price": "100.00", "total_price": "100.00", "quantity": 1}], "billing": {"id": \#(id), "company_name": "Client"}}"#
        return .json(#"{"success": true, "result": \#(order)}"#)
    }

    private func list(_ request: HostileUpstream.Request) -> HostileUpstream.Response {
        let perPage = min(max(request.query("per_page").flatMap { Int($0) } ?? 20, 1), 500)
        let page = max(1, request.query("page").flatMap { Int($0) } ?? 1)
        let descending = request.query("order_direction") == "desc"
        let total = days.count
        let lastPage = max(1, (total + perPage - 1) / perPage)
        let start = (page - 1) * perPage
        let positions = start < total ? Array(start..<min(total, start + perPage)) : []
        // Creation order is id order, so newest first is highest id first, whatever the sort key.
        let items = positions.map { descending ? item(total - 1 - $0) : item($0) }
        return .json(#"{"success": true, "result": {"items": [\#(items.joined(separator: ","))], "current_page": \#(page), "per_page": \#(perPage), "last_page": \#(lastPage), "total": \#(total)}}"#)
    }

    private func item(_ index: Int) -> String {
        let id = firstID + index
        let stamp = Day.wallClock(days[index], second: seconds[index])
        return #"{"id": \#(id), "identity_number": \#(id + 1_000_000), "entity_id": 2001, "company_name": "Client", "amount": 100, "currency_code": "EUR", "created_at": "\#(stamp)", "placed_on": "\#(stamp)", "status_id": 3, "status_name": "Completed", "status_updated_at": "\#(stamp)", "client": {"id": 2001, "company_name": "Client", "slug": "client"}, "details": [], "billing": null}"#
    }
}

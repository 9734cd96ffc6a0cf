import Foundation
import OrderSyncSimulator
import Testing

@Suite("mobility dialect")
struct MobilityTests {
    private func result(_ client: TestHTTPClient, _ path: String) throws -> [String: Any] {
        let body = try client.request("GET", "/mobility/v2.3/orders\(path)", token: token(.mobility)).object()
        #expect(body["success"] as? Bool == true)
        return body["result"] as? [String: Any] ?? [:]
    }

    @Test func listPaginatesInTheBodyWithoutLines() throws {
        try withSimulator(orders: 45) { sim in
            let client = try sim.client()
            #expect(try client.request("GET", "/mobility/v2.3/orders", token: "wrong").status == 401)
            let page = try result(client, "?page=3&per_page=20&order=id&order_direction=asc")
            #expect(page["current_page"] as? Int == 3)
            #expect(page["last_page"] as? Int == 3)
            #expect(page["total"] as? Int == 45)
            let items = try #require(page["items"] as? [[String: Any]])
            #expect(items.count == 5)
            #expect(items.allSatisfy { ($0["details"] as? [Any])?.isEmpty == true && $0["billing"] is NSNull })
            #expect(items.last?["id"] as? Int == Int(sim.snapshot(of: .mobility).last!.id))
        }
    }

    @Test func detailLinesIncludeTaxAndSumToAmountInEveryCurrency() throws {
        try withSimulator(orders: 200) { sim in
            let client = try sim.client()
            let snapshot = sim.snapshot(of: .mobility)
            #expect(Set(snapshot.compactMap(\.currency)).isSuperset(of: ["EUR", "USD", "GBP", "JPY", "KWD"]))
            for currency in ["EUR", "JPY", "KWD"] {
                let order = try #require(snapshot.first { $0.currency == currency })
                let exponent = ["JPY": 0, "KWD": 3][currency] ?? 2
                let raw = try client.request("GET", "/mobility/v2.3/orders/\(order.id)", token: token(.mobility)).text
                let amount = try #require(raw.firstMatch(of: /"amount":([0-9.]+)/)?.1)
                #expect(String(amount).split(separator: ".").dropFirst().first?.count ?? 0 == exponent)
                let detail = try result(client, "/\(order.id)")
                let details = try #require(detail["details"] as? [[String: Any]])
                #expect(details.compactMap { minor($0["total_price"], exponent: exponent) }.reduce(0, +) == order.grossMinor)
                #expect(minor(String(amount), exponent: exponent) == order.grossMinor)
                #expect(detail["billing"] is [String: Any])
            }
        }
    }

    @Test func sortsByStatusUpdatedAtAndListsStatuses() throws {
        try withSimulator(orders: 60) { sim in
            let client = try sim.client()
            let items = try result(client, "?order=status_updated_at&order_direction=desc&per_page=60")["items"] as? [[String: Any]] ?? []
            let stamps = items.compactMap { $0["status_updated_at"] as? String }
            #expect(stamps.count == 60 && stamps == stamps.sorted(by: >))
            let statuses = try client.request("GET", "/mobility/v2.3/orders/statuses", token: token(.mobility)).object()["result"] as? [[String: Any]]
            #expect(statuses?.contains { $0["id"] as? Int == 5 && $0["text"] as? String == "Awaiting Approval" } == true)
            #expect(sim.snapshot(of: .mobility).contains { $0.statusRaw == "Awaiting Approval" })
        }
    }

    @Test func invoiceDateFiltersAreInclusive() throws {
        try withSimulator(orders: 200) { sim in
            let client = try sim.client()
            let snapshot = sim.snapshot(of: .mobility)
            let order = try #require(snapshot.first { !$0.invoices.isEmpty })
            let invoice = order.invoices[0]
            let placed = day(order.placedAt)
            #expect(invoice.issuedOn >= placed && invoice.issuedOn <= day(order.placedAt.addingTimeInterval(60 * 86_400)))
            func ids(_ query: String) throws -> [Int] {
                let items = try result(client, "/\(order.id)/invoices?\(query)")["items"] as? [[String: Any]] ?? []
                return items.compactMap { ($0["order_invoice"] as? [String: Any])?["id"] as? Int }
            }
            #expect(try ids("invoice_issue_start_date=\(invoice.issuedOn)&invoice_issue_end_date=\(invoice.issuedOn)") == [Int(invoice.id)!])
            #expect(try ids("invoice_issue_end_date=\(invoice.dueOn!)&invoice_due_start_date=\(invoice.dueOn!)") == [Int(invoice.id)!])
            #expect(try ids("invoice_issue_start_date=\(invoice.dueOn!)").isEmpty)
            let item = try #require((try result(client, "/\(order.id)/invoices")["items"] as? [[String: Any]])?.first)
            let body = try #require(item["order_invoice"] as? [String: Any])
            #expect(body["invoice_number"] as? String == invoice.number)
            #expect(body["invoice_currency"] as? String == order.currency)
            let paid = try #require(snapshot.flatMap(\.invoices).first { $0.paidOn != nil })
            let paidItems = try result(client, "/\(paid.orderID)/invoices?invoice_payment_start_date=\(paid.paidOn!)&invoice_payment_end_date=\(paid.paidOn!)")
            #expect((paidItems["items"] as? [Any])?.count == 1)
        }
    }
}

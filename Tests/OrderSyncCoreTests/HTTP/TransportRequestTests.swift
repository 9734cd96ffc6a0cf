import Foundation
import Testing
@testable import OrderSyncCore

@Suite("TransportRequest")
struct TransportRequestTests {
    @Test("header fields are found and replaced whatever the case of their name")
    func caseInsensitiveFields() {
        var request = TransportRequest(url: URL(string: "https://erp.acme.example/orders")!)
        request.setValue("Bearer a", forHTTPHeaderField: "Authorization")
        request.setValue("Bearer b", forHTTPHeaderField: "AUTHORIZATION")
        request.setValue("application/json", forHTTPHeaderField: "Accept")

        #expect(request.value(forHTTPHeaderField: "authorization") == "Bearer b")
        #expect(request.allHTTPHeaderFields == ["Authorization": "Bearer b", "Accept": "application/json"])

        request.setValue(nil, forHTTPHeaderField: "accept")
        #expect(request.value(forHTTPHeaderField: "Accept") == nil)
        #expect(request.allHTTPHeaderFields == ["Authorization": "Bearer b"])
    }
}

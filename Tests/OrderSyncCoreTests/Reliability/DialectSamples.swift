import Foundation
import Testing

@testable import OrderSyncCore

/// Small realistic records per dialect (list item merged with its detail, as `mapOrder` gets
/// them), written from the examples in `providers/*.txt`, plus a minimal source configuration
/// each adapter accepts. The fuzz tests start from these and break them.
enum DialectSamples {
    static let records: [String: String] = [
        "erp": #"""
            {"id": "350", "ref": "CO2405-0018", "customer_ref": "PO-2024-042", "date_order": "2024-05-15",
             "created_at": "2024-05-14T16:00:00Z", "updated_at": "2024-05-15T10:00:00Z", "status": "validated",
             "is_billed": false, "total_excl_tax": "5000.00", "total_vat": "1000.00", "total_incl_tax": "6000.00",
             "lines": [{"id": "720", "position": 1, "product_ref": "CONSULTING-01", "product_label": "Consulting",
                        "description": "Technical consulting", "quantity": "50.00", "unit_price_excl_tax": "100.00",
                        "total_excl_tax": "5000.00", "total_vat": "1000.00", "total_incl_tax": "6000.00"}]}
            """#,
        "lifecycle": #"""
            {"id": 3, "order_id": 421409, "customer_id": "CUST-12345", "total": "300.00", "total_tax": "50.00",
             "status": "processing", "currency_symbol": "€", "created_at": "2025-11-06T15:00:00.000000Z",
             "updated_at": "2025-11-07T09:30:00.000000Z",
             "items": [{"product_id": 1, "product_name": "Premium Cleaning", "quantity": 1, "price": "150.00"},
                       {"product_id": 2, "product_name": "Window Cleaning", "quantity": "2", "price": 75.00}],
             "billing": {"first_name": "John", "last_name": "Doe", "company_name": null}}
            """#,
        "mobility": #"""
            {"id": 123, "group_number": 456, "identity_number": 789, "company_name": "Example Client",
             "amount": 1000, "currency_code": "EUR", "created_at": "2026-04-30 12:00:00",
             "placed_on": "2026-04-30 12:00:00", "max_due_date": "2026-05-30", "status_id": 1, "status_name": "New",
             "status_updated_at": "2026-04-30 12:00:00", "accepted_on": "",
             "client": {"id": 2001, "company_name": "Example Client"},
             "details": [{"id": 5001, "order_id": 123, "offer_name": "Immigration service", "currency_code": "EUR",
                          "unit_price": "1000.00", "total_price": "1000.00", "quantity": 1}],
             "billing": {"id": 12001, "company_name": "Example Client", "country_code": "DE"}}
            """#,
        "reseller": #"""
            {"id": 4711, "paid": false, "status": {"id": 1, "name": "SUBMITTED"}, "currency": {"code": "EUR"},
             "customer_organisation": {"id": 77, "name": "Acme GmbH"}, "submit_date": "2026-04-30T12:00:00+02:00",
             "shipped_date": null, "delivered_date": null, "total": 119.0, "vat": 19.0, "vat_rate": 19.0,
             "purchase_order_number": "PO-1",
             "line": [{"id": 1, "product_code": "SIM-10", "description": "SIM card", "quantity": 10,
                       "unit_price": 5.0, "total": 50.0},
                      {"id": 2, "product_code": "PLAN-M", "description": "Plan M", "quantity": 1,
                       "unit_price": 50.0, "total": 50.0}]}
            """#,
        "formations": #"""
            {"id": 123, "description": "ABC LTD", "created_at": 20200101095500, "updated_at": 20200103123518,
             "invoiced_at": 20200101101836, "cancelled_at": "", "status": 700, "mlc_status": 700,
             "net": 17.98, "gross": 19.58,
             "orderlines": [{"order_id": 123, "description": "", "quantity": 1, "price": 2.00, "tax": 1.00,
                             "product": {"name": "Limited Company Formation"}},
                            {"order_id": 123, "description": "", "quantity": 1, "price": 2.00, "tax": 1.00,
                             "product": {"name": "Service Address"}}]}
            """#,
    ]

    /// Mobility's statuses reference (`GET /v2.3/orders/statuses`); offered under every name an
    /// adapter declares, in the shapes an adapter may keep (whole body or `result`).
    static let statusesBody = #"""
        {"success": true, "result": [{"id": 1, "text": "New"}, {"id": 2, "text": "In Progress"},
                                     {"id": 3, "text": "Completed"}, {"id": 4, "text": "Cancelled"}]}
        """#

    /// Envelopes for `checkEnvelope`: good and failed ones of each shape.
    static let envelopes = [
        #"{"success": true, "result": {"items": [], "current_page": 1, "last_page": 1}}"#,
        #"{"success": false, "message": "token expired"}"#,
        #"{"success": true, "data": [], "pagination": {"current_page": 1, "last_page": 1}}"#,
        #"{"items": [], "pagination": {"page": 1, "total_pages": 1}}"#,
        #"[]"#,
    ]

    static func record(for dialect: String) -> JSONValue? {
        records[dialect].flatMap { try? JSONValue.parse($0) }
    }

    /// Every sample: an adapter also meets records of another dialect's shape (misconfiguration).
    static var allRecords: [JSONValue] {
        records.keys.sorted().compactMap(record(for:))
    }

    /// A minimal source of `dialect` with the credentials and settings its adapter requires.
    static func source(for type: any DialectAdapter.Type) -> SourceConfiguration {
        let auth: SourceAuth = switch type.authKind {
        case .token: SourceAuth(token: Secret("fuzz-token"))
        case .usernamePassword: SourceAuth(username: Secret("u"), password: Secret("p"))
        }
        return SourceConfiguration(
            name: "fuzz-\(type.name)", dialect: type.name, baseURL: URL(string: "https://upstream.example")!,
            auth: auth, startDate: "2024-01-01", statusMap: ["700": .completed, "900": .cancelled])
    }

    /// Contexts a mapping may run with: none, then the statuses reference under each declared
    /// name as its `result` only and, last, as the whole body (the shape the run stores).
    static func contexts(for adapter: any DialectAdapter) -> [MappingContext] {
        guard let body = try? JSONValue.parse(statusesBody) else { return [MappingContext()] }
        var whole: [String: JSONValue] = [:], result: [String: JSONValue] = [:]
        for reference in adapter.references {
            whole[reference.name] = body
            result[reference.name] = body["result"] ?? .null
        }
        return [MappingContext(), MappingContext(references: result), MappingContext(references: whole)]
    }
}

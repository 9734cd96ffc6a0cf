import FoundationEssentials

/// mobility order JSON: the list item (no lines, no billing) and the detail.
extension MobilityDialect {
    /// The client's `slug`.
    static func slug(_ order: OrderRecord) -> String {
        order.customerName.lowercased().replacing(" ", with: "-").replacing("&", with: "and")
    }

    static func listItem(_ order: OrderRecord) -> JSONValue {
        let slug = slug(order)
        return .obj([
            "id": .int(order.id), "group_number": .int(400 + order.id / 3), "identity_number": .number(order.number ?? "0"),
            "user_id": .int(1_001), "author_user_id": .int(1_001), "entity_id": .int(order.customerID),
            "entity_type": .string("client"), "provider_id": .int(3_001), "company_name": .string(order.customerName),
            "amount": .money(order.grossMinor, currency: order.currency), "currency_code": .string(order.currency),
            "created_at": .string(CivilTime.spaced(order.createdAt)), "placed_on": .string(CivilTime.spaced(order.placedAt)),
            "max_due_date": .string(CivilTime.date(order.placedAt + 30 * CivilTime.day)),
            "status_id": .int(statusID(order.status)), "status_name": .string(order.status),
            "status_updated_at": .string(CivilTime.spaced(CivilTime.floorDiv(order.updatedAt, 1_000_000))),
            "declined_reason": .null, "accepted_on": .string(""),
            "legal_entity": .obj(["id": .int(9_901), "name": .string("Example Legal Entity")]),
            "managers": .array([]),
            "provider": .obj(["id": .int(3_001), "company_name": .string("Example Provider"), "entity_type_id": .int(2),
                              "slug": .string("example-provider")]),
            "client": .obj(["id": .int(order.customerID), "company_name": .string(order.customerName),
                            "slug": .string(slug), "entity_type": .string("client"), "entity_type_id": .int(1)]),
            "details": .array([]), "billing": .null,
        ])
    }

    static func detail(_ order: OrderRecord) -> JSONValue {
        let details = order.lines.map { line -> JSONValue in
            .obj([
                "id": .int(line.id), "order_id": .int(order.id), "offer_id": .number(line.sku), "provider_id": .int(3_001),
                "offer_name": .string(line.name), "currency_code": .string(order.currency),
                "unit_price": .string(MinorUnits.text(line.unitMinor, currency: order.currency)),
                "total_price": .string(MinorUnits.text(line.lineTotalMinor, currency: order.currency)),
                "quantity": .int(line.quantity), "expats": .array([]), "rfq_id": .null, "answer_status_id": .int(1),
                "order_identity_number": .number(order.number ?? "0"),
            ])
        }
        let billing = JSONValue.obj([
            "id": .int(12_000 + order.id), "company_name": .string(order.customerName), "address": .string("1 Example Street"),
            "city": .string("Berlin"), "region": .string("Berlin"), "country_code": .string("DE"), "zip_code": .string("10115"),
            "tax_number": .string("DE\(100_000_000 + order.customerID)"),
        ])
        return listItem(order).setting("details", .array(details)).setting("billing", billing)
    }
}

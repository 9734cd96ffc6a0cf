/// The answer of `GET /v2.3/orders/statuses` (`{"success": true, "result": [{"id": 1, "text": "New"}, …]}`),
/// fetched once per run as the reference `statuses`: a `status_id` → status text table.
struct MobilityStatusTable: Sendable, Equatable {
    static let referenceName = "statuses"
    static let path = "/v2.3/orders/statuses"

    let textByID: [String: String]

    /// The table in `context`; empty when the run fetched none (tests, tools) or the body has no
    /// readable `result` array. Entries without an id or a text are skipped, not fatal: an order
    /// whose id is missing from the table falls back to its own `status_name`.
    init(_ context: MappingContext) {
        var table: [String: String] = [:]
        for entry in context.references[Self.referenceName]?["result"]?.arrayValue ?? [] {
            guard let id = entry["id"]?.identityText, let text = entry["text"]?.stringValue, !text.isEmpty else { continue }
            table[id] = text
        }
        textByID = table
    }

    func text(for statusID: String?) -> String? {
        statusID.flatMap { textByID[$0] }
    }
}

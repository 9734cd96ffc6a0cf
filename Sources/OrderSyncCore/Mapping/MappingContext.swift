import FoundationEssentials

/// What a mapping may need beyond the record itself: reference data fetched once per run
/// (a status table), by the name the adapter gave its `ReferenceRequest`.
public struct MappingContext: Sendable {
    public var references: [String: JSONValue]

    public init(references: [String: JSONValue] = [:]) {
        self.references = references
    }
}

/// A request whose answer every mapping of a run may consult (`GET /orders/statuses`).
public struct ReferenceRequest: Sendable {
    public var name: String
    public var path: String
    public var query: [URLQueryItem]

    public init(name: String, path: String, query: [URLQueryItem] = []) {
        self.name = name
        self.path = path
        self.query = query
    }
}

/// The reseller `q` filter: comma-separated `<field><operator><value>`
/// criteria, all of which must hold.
struct ResellerQuery: Sendable {
    enum Operator: String, CaseIterable, Sendable {
        // Two-character operators first, so `>=` is not read as `>`.
        case notEqual = "!:", greaterOrEqual = ">=", lessOrEqual = "<=", like = "^~"
        case equal = ":", greater = ">", less = "<"
    }

    /// Fields as an enum so matching 100,000 orders compares integers, not strings.
    private enum Field: Sendable {
        case id, submitDate, status, paid
    }

    private struct Criterion: Sendable {
        var field: Field
        var op: Operator
        var number: Int64
        var pattern: String
    }

    private static let allowed: [String: Set<Operator>] = [
        "id": Set(Operator.allCases),
        "submit_date": [.equal, .greater, .greaterOrEqual, .less, .lessOrEqual],
        "status": [.equal, .notEqual, .greater, .greaterOrEqual, .less, .lessOrEqual],
        "paid": [.equal, .notEqual],
    ]

    private var criteria: [Criterion] = []

    /// Parses the decoded `q` value; the error says which criterion is wrong and why.
    init(_ text: String) throws(DialectError) {
        for raw in text.split(separator: ",") {
            let criterion = raw.trimmingASCIISpaces()
            let field = String(criterion.prefix { $0.isLetter || $0 == "_" })
            guard let operators = Self.allowed[field] else {
                throw .badRequest("q: unknown field in `\(criterion)`; use id, submit_date, status or paid")
            }
            let rest = criterion.dropFirst(field.count)
            guard let op = Operator.allCases.first(where: { rest.hasPrefix($0.rawValue) }) else {
                throw .badRequest("q: missing operator in `\(criterion)`; use one of : !: > >= < <= ^~")
            }
            guard operators.contains(op) else {
                throw .badRequest("q: operator `\(op.rawValue)` is not supported for \(field)")
            }
            let value = String(rest.dropFirst(op.rawValue.count))
            let kind: Field = ["submit_date": .submitDate, "status": .status, "paid": .paid][field] ?? .id
            criteria.append(Criterion(field: kind, op: op, number: try Self.number(field, op, value), pattern: value))
        }
    }

    private static func number(_ field: String, _ op: Operator, _ value: String) throws(DialectError) -> Int64 {
        switch field {
        case "submit_date":
            guard let instant = CivilTime.parseInstant(value) else {
                throw .badRequest("q: submit_date `\(value)` is not ISO 8601, e.g. 2026-04-30T10:00:00Z")
            }
            return instant
        case "paid":
            switch value.lowercased() {
            case "1", "true": return 1
            case "0", "false": return 0
            default: throw .badRequest("q: paid must be 0 or 1, got `\(value)`")
            }
        case "status":
            guard let status = Int64(value), (0...4).contains(status) else {
                throw .badRequest("q: status must be 0 (EDITING) to 4 (CANCELED), got `\(value)`")
            }
            return status
        default:
            if op == .like { return 0 }
            guard let id = Int64(value) else { throw .badRequest("q: id must be an integer, got `\(value)`") }
            return id
        }
    }

    var isEmpty: Bool { criteria.isEmpty }

    /// Whether every criterion holds for an order with these fields. It takes
    /// fields, not the record: passing the record here made the optimizer
    /// copy it for each of 100,000 orders per request.
    func matches(id: Int, submitted: Int64, status: String, paid: Bool) -> Bool {
        for index in criteria.indices {
            let criterion = criteria[index]
            let actual: Int64
            switch criterion.field {
            case .submitDate: actual = submitted
            case .paid: actual = paid ? 1 : 0
            case .status: actual = Int64(ResellerDialect.statusID(status))
            case .id: actual = Int64(id)
            }
            let holds: Bool
            switch criterion.op {
            case .equal: holds = actual == criterion.number
            case .notEqual: holds = actual != criterion.number
            case .greater: holds = actual > criterion.number
            case .greaterOrEqual: holds = actual >= criterion.number
            case .less: holds = actual < criterion.number
            case .lessOrEqual: holds = actual <= criterion.number
            case .like: holds = Self.like(String(id), criterion.pattern)
            }
            if !holds { return false }
        }
        return true
    }

    /// SQL-style LIKE with `%` wildcards; a pattern without `%` matches anywhere.
    static func like(_ text: String, _ pattern: String) -> Bool {
        guard pattern.contains("%") else { return text.contains(pattern) }
        let parts = pattern.split(separator: "%", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(text)
        for (index, part) in parts.enumerated() where !part.isEmpty {
            if index == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if index == parts.count - 1 {
                return rest.hasSuffix(part)
            } else {
                guard let found = rest.firstRange(of: part) else { return false }
                rest = rest[found.upperBound...]
            }
        }
        return true
    }
}

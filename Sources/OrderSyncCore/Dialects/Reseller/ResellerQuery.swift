import FoundationEssentials

/// The reseller `q` filter: comma-separated `<field><operator><value>` criteria, all of which
/// must hold (`submit_date>=2026-04-30T10:00:00Z,status<3`).
///
/// Each field takes only the operators its provider lists for it (`docs/dialects/reseller.md`), enforced by the argument
/// types, so a filter the upstream would answer with `400` cannot be built. Values are written
/// plain; the HTTP layer percent-encodes the whole `q` value when it is sent.
public struct ResellerQuery: Sendable, Equatable, CustomStringConvertible {
    /// The operators of `id` and `status` (the doc gives `id` `^~` too: see `idLike`).
    public enum Comparison: String, Sendable, CaseIterable {
        case equal = ":", notEqual = "!:", greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    }

    /// The operators of `submit_date`: no `!:` there.
    public enum DateComparison: String, Sendable, CaseIterable {
        case equal = ":", greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    }

    /// The operators of `paid`.
    public enum Equality: String, Sendable, CaseIterable {
        case equal = ":", notEqual = "!:"
    }

    /// The criteria in the order they were added, each already `<field><operator><value>`.
    public private(set) var criteria: [String]

    private init(_ criteria: [String]) {
        self.criteria = criteria
    }

    /// `id<op><id>`.
    public static func id(_ comparison: Comparison, _ id: Int64) -> ResellerQuery {
        ResellerQuery(["id" + comparison.rawValue + String(id)])
    }

    /// `id^~<pattern>`: SQL-like, `%` is the wildcard. Ids are integers, so a pattern is digits
    /// and `%`; anything else (a comma would split the criterion) is dropped.
    public static func idLike(_ pattern: String) -> ResellerQuery {
        let kept = pattern.filter { $0.isASCII && ($0.isNumber || $0 == "%") }
        return ResellerQuery(["id^~" + kept])
    }

    /// `submit_date<op><instant>`, the instant in UTC (`2026-04-30T10:00:00Z`) as the contract asks.
    public static func submitDate(_ comparison: DateComparison, _ instant: Instant) -> ResellerQuery {
        ResellerQuery(["submit_date" + comparison.rawValue + instant.iso8601])
    }

    /// `status<op><code>`: 0 EDITING, 1 SUBMITTED, 2 SHIPPED, 3 DELIVERED, 4 CANCELED.
    public static func status(_ comparison: Comparison, _ code: Int) -> ResellerQuery {
        ResellerQuery(["status" + comparison.rawValue + String(code)])
    }

    /// `paid<op>1` or `paid<op>0`.
    public static func paid(_ equality: Equality, _ paid: Bool) -> ResellerQuery {
        ResellerQuery(["paid" + equality.rawValue + (paid ? "1" : "0")])
    }

    /// Both filters at once: the criteria of `other` appended to these.
    public func and(_ other: ResellerQuery) -> ResellerQuery {
        ResellerQuery(criteria + other.criteria)
    }

    /// The `q` value before encoding.
    public var description: String { criteria.joined(separator: ",") }

    /// The `q` query item.
    public var item: URLQueryItem { URLQueryItem(name: "q", value: description) }
}

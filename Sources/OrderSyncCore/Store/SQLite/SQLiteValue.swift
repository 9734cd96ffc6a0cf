/// One SQLite value, as stored in a column or bound to a parameter.
public enum SQLiteValue: Sendable, Equatable, Hashable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null
}

extension SQLiteValue {
    /// The integer, or a real that holds an exact integer; nil otherwise.
    public var int64Value: Int64? {
        switch self {
        case .integer(let value): return value
        case .real(let value): return Int64(exactly: value)
        default: return nil
        }
    }

    /// The integer converted to `Int`, when it fits.
    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// The real, or an integer converted to `Double`; nil otherwise.
    public var doubleValue: Double? {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// The text; nil for any other storage class (numbers are not formatted).
    public var stringValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The bytes of a blob; nil for any other storage class.
    public var blobValue: [UInt8]? {
        if case .blob(let value) = self { return value }
        return nil
    }

    /// Integers as booleans, the way `Bool` is bound (0 is false).
    public var boolValue: Bool? { int64Value.map { $0 != 0 } }

    /// True for SQL NULL.
    public var isNull: Bool { self == .null }
}

extension SQLiteValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLiteValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLiteValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLiteValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension SQLiteValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

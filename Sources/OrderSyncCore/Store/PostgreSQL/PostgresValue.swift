/// A Swift value sent as a statement parameter in PostgreSQL's text format (`$1`, `$2`, ...):
/// the server parses the text as the parameter's type, inferred from the statement or given by
/// a cast (`$1::bigint`). Money stays exact: minor units travel as integer text, never Double.
public protocol PostgresBindable: Sendable {
    /// The text PostgreSQL's input function for the column type accepts.
    var postgresText: String { get }
}

/// A Swift value read from a column in text format.
public protocol PostgresDecodable: Sendable {
    /// Nil when `text` is not a valid value of this type.
    init?(postgresText text: String)
}

extension String: PostgresBindable, PostgresDecodable {
    public var postgresText: String { self }
    public init?(postgresText text: String) { self = text }
}

extension Int: PostgresBindable, PostgresDecodable {
    public var postgresText: String { String(self) }
    public init?(postgresText text: String) { self.init(text) }
}

extension Int64: PostgresBindable, PostgresDecodable {
    public var postgresText: String { String(self) }
    public init?(postgresText text: String) { self.init(text) }
}

extension Int32: PostgresBindable, PostgresDecodable {
    public var postgresText: String { String(self) }
    public init?(postgresText text: String) { self.init(text) }
}

extension Bool: PostgresBindable, PostgresDecodable {
    public var postgresText: String { self ? "true" : "false" }

    /// `t`/`f` is how the server writes a boolean in text format.
    public init?(postgresText text: String) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension Double: PostgresBindable, PostgresDecodable {
    // For measurements (durations, rates' metadata), never for money.
    public var postgresText: String { "\(self)" }
    public init?(postgresText text: String) { self.init(text) }
}

/// A statement and its parameters, for `PostgresConnection.executeBatch(_:)`.
public struct PostgresStatement: Sendable {
    public let sql: String
    public let parameters: [(any PostgresBindable)?]

    public init(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}

/// Helpers for statements that write many rows in one round trip.
public enum PostgresSQL {
    /// `($1, $2, $3), ($4, $5, $6)` for `rows` rows of `columns` parameters: the VALUES list of a
    /// multi-row INSERT, numbered from `$start`. PostgreSQL takes at most 65,535 parameters per
    /// statement: split larger batches (see `maximumParameters`).
    public static func valuesList(rows: Int, columns: Int, startingAt start: Int = 1) -> String {
        precondition(rows > 0 && columns > 0, "a VALUES list needs at least one row and one column")
        var text = ""
        text.reserveCapacity(rows * columns * 5)
        var number = start
        for row in 0..<rows {
            text += row == 0 ? "(" : ", ("
            for column in 0..<columns {
                if column > 0 { text += ", " }
                text += "$\(number)"
                number += 1
            }
            text += ")"
        }
        return text
    }

    /// The protocol's limit on parameters in one statement (a 16-bit count).
    public static let maximumParameters = 65_535
}

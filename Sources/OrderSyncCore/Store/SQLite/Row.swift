/// One result row: the values of a statement's columns, left to right.
///
/// Column names are shared with every other row of the same statement, so a
/// row costs one array of values, not a dictionary.
public struct Row: Sendable, Equatable {
    /// The values, in column order.
    public let values: [SQLiteValue]
    /// The column names, in column order (as SQLite reports them).
    public let columnNames: [String]

    /// Creates a row; the statement does this for every step.
    public init(values: [SQLiteValue], columnNames: [String]) {
        self.values = values
        self.columnNames = columnNames
    }

    /// The number of columns.
    public var count: Int { values.count }

    /// The value at a column index; the index must be in range.
    public subscript(index: Int) -> SQLiteValue { values[index] }

    /// The value of the leftmost column with that name (case-insensitive, as
    /// SQL is), or nil when there is no such column.
    public subscript(name: String) -> SQLiteValue? {
        let lowered = name.lowercased()
        guard let index = columnNames.firstIndex(where: { $0.lowercased() == lowered }) else { return nil }
        return values[index]
    }

    /// The integer at an index; nil for NULL, text, blobs and inexact reals.
    public func int64(_ index: Int) -> Int64? { values[index].int64Value }

    /// The integer at an index as `Int`; nil when absent or out of range.
    public func int(_ index: Int) -> Int? { values[index].intValue }

    /// The number at an index as `Double`; nil for NULL, text and blobs.
    public func double(_ index: Int) -> Double? { values[index].doubleValue }

    /// The text at an index; nil for any other storage class.
    public func string(_ index: Int) -> String? { values[index].stringValue }

    /// The blob at an index; nil for any other storage class.
    public func blob(_ index: Int) -> [UInt8]? { values[index].blobValue }

    /// The integer at an index read as a boolean (0 is false).
    public func bool(_ index: Int) -> Bool? { values[index].boolValue }
}

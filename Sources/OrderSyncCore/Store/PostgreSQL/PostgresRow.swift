/// One row of a result, copied out of libpq's `PGresult` (which is freed at once): values in
/// text format, nil for SQL NULL.
public struct PostgresRow: Sendable {
    /// The column names, shared by every row of one result.
    public let columns: [String]
    /// The values in column order.
    public let values: [String?]

    /// The text of column `index`, nil when NULL.
    public subscript(index: Int) -> String? { values[index] }

    /// The text of column `name`, nil when NULL or when there is no such column.
    public subscript(name: String) -> String? {
        columns.firstIndex(of: name).flatMap { values[$0] }
    }

    /// Column `index` as `T`; an error naming the column when it is NULL or not a `T`.
    public func decode<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let value = try decodeIfPresent(index, as: type) else {
            throw .misuse("column \(columns[index]) is NULL where a \(T.self) was expected")
        }
        return value
    }

    /// Column `index` as `T`, nil when NULL; an error naming the column when it is not a `T`.
    public func decodeIfPresent<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws(PostgresError) -> T? {
        guard let text = values[index] else { return nil }
        guard let value = T(postgresText: text) else {
            // Not the value itself: it may be customer data, and errors reach logs.
            throw .misuse("column \(columns[index]) holds a value that is not a \(T.self) (\(text.utf8.count) bytes)")
        }
        return value
    }

    /// Column `name` as `T`; an error when missing, NULL or not a `T`.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let index = columns.firstIndex(of: name) else { throw .misuse("no column \(name) in the result") }
        return try decode(index, as: type)
    }

    /// Column `name` as `T`, nil when NULL; an error when missing or not a `T`.
    public func decodeIfPresent<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws(PostgresError) -> T? {
        guard let index = columns.firstIndex(of: name) else { throw .misuse("no column \(name) in the result") }
        return try decodeIfPresent(index, as: type)
    }
}

/// What a statement returned: its rows (if any) and how many rows it changed.
public struct PostgresResult: Sendable {
    public let rows: [PostgresRow]
    /// Rows inserted, updated, deleted (or selected) as the server counted them (`PQcmdTuples`).
    public let affectedRows: Int

    /// The first column of the first row as `T`, nil when there is no row or it is NULL.
    public func scalar<T: PostgresDecodable>(_ type: T.Type = T.self) throws(PostgresError) -> T? {
        guard let row = rows.first else { return nil }
        return try row.decodeIfPresent(0, as: type)
    }
}

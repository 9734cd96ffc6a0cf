import Foundation
import OrderSyncCore

/// Every table of a database as rows of text, in one form for both stores, for the golden
/// test that syncs the same data into SQLite and PostgreSQL and compares them row by row.
///
/// Columns that record when this process wrote a row (`synced_at`, `observed_at`, ...) are left
/// out: two syncs never run at the same instant. Everything else is compared, typed values
/// rendered the same way: instants as SQLite's ISO 8601 text, booleans as 0/1, quantities in
/// thousandths.
public enum StoreDump {
    enum Kind { case text, integer, boolean, instant, date, quantity }

    /// Table, its compared columns, and the order of its rows.
    static let tables: [(name: String, columns: [(String, Kind)], order: String)] = [
        ("sources", [("source", .text), ("dialect", .text), ("timezone", .text), ("poll_interval_seconds", .integer)], "source"),
        ("orders", [("source", .text), ("order_id", .text), ("order_number", .text), ("customer_id", .text), ("customer_name", .text),
                    ("customer_ref", .text), ("status", .text), ("status_raw", .text), ("currency", .text), ("net_minor", .integer),
                    ("tax_minor", .integer), ("gross_minor", .integer), ("is_paid", .boolean), ("ordered_at", .instant),
                    ("updated_at", .instant), ("invoiced_at", .instant), ("cancelled_at", .instant), ("raw", .text),
                    ("list_digest", .text), ("deleted_upstream_at", .instant)], "source, order_id"),
        ("order_lines", [("source", .text), ("order_id", .text), ("line_no", .integer), ("line_id", .text), ("sku", .text),
                         ("description", .text), ("quantity", .quantity), ("unit_price_minor", .integer), ("net_minor", .integer),
                         ("tax_minor", .integer), ("gross_minor", .integer), ("currency", .text)], "source, order_id, line_no"),
        ("invoices", [("source", .text), ("invoice_id", .text), ("order_id", .text), ("invoice_number", .text), ("status", .text),
                      ("currency", .text), ("amount_minor", .integer), ("issued_on", .date), ("due_on", .date), ("paid_on", .date),
                      ("raw", .text), ("payment_state", .text)], "source, invoice_id"),
        ("order_status_history", [("source", .text), ("order_id", .text), ("status", .text), ("status_raw", .text)],
         "source, order_id, status, status_raw"),
        ("sync_state", [("source", .text), ("stream", .text)], "source, stream"),
        ("rejected_records", [("source", .text), ("stream", .text), ("reason", .text), ("raw", .text), ("record_digest", .text)],
         "source, stream, record_digest"),
        ("deferred_records", [("source", .text), ("order_id", .text), ("stream", .text), ("item", .text), ("reason", .text),
                              ("attempts", .integer)], "source, order_id"),
        ("currencies", [("code", .text), ("exponent", .integer), ("name", .text)], "code"),
        ("timezone_offsets", [("timezone", .text), ("valid_from", .text), ("valid_until", .text), ("offset_seconds", .integer)],
         "timezone, valid_from"),
        ("fx_rates", [("day", .date), ("base", .text), ("quote", .text), ("rate", .text)], "day, base, quote"),
        ("reporting_settings", [("key", .text), ("value", .text)], "key"),
    ]

    /// Table name → its rows, each one line of tab-separated values (`∅` for NULL).
    public static func dump(_ database: String) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        switch StoreLocation(database: database) {
        case .sqlite(let path):
            let db = try Database(path: path, options: Database.OpenOptions(readOnly: true, create: false))
            defer { db.close() }
            for table in tables {
                let select = table.columns.map { column, kind in
                    switch kind {
                    case .quantity: "CAST(round(\(column) * 1000) AS INTEGER)"
                    default: "CAST(\(column) AS TEXT)"
                    }
                }.joined(separator: ", ")
                let sql = "SELECT \(select) FROM \(table.name) ORDER BY \(table.order)"
                result[table.name] = try db.makeStatement(sql).query().map { row in
                    (0..<table.columns.count).map { row.string($0) ?? row.int64($0).map(String.init) ?? "∅" }.joined(separator: "\t")
                }
            }
        case .postgres(let uri):
            let connection = try PostgresConnection.connect(try PostgresURI(validating: uri), settings: PostgresSessionSettings(role: "tests"))
            defer { connection.close() }
            for table in tables {
                let select = table.columns.map { column, kind in
                    switch kind {
                    case .text, .integer: "\(column)::text"
                    case .boolean: "\(column)::int::text"
                    case .instant: "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                    case .date: "to_char(\(column), 'YYYY-MM-DD')"
                    case .quantity: "round(\(column) * 1000)::bigint::text"
                    }
                }.joined(separator: ", ")
                let sql = "SELECT \(select) FROM \(table.name) ORDER BY \(table.order)"
                result[table.name] = try connection.query(sql).map { row in
                    row.values.map { $0 ?? "∅" }.joined(separator: "\t")
                }
            }
        }
        return result
    }
}

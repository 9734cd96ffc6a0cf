import Foundation
import OrderSyncCore
import OrderSyncSimulator

/// Compares the canonical tables with a simulator snapshot: every order, its totals, status and
/// lines, and nothing more (no duplicates, no strays).
public enum DatasetComparison {
    public static func differences(database path: String, source: String, expected: [SimOrder]) throws -> [String] {
        let db = try Database(path: path, options: Database.OpenOptions(readOnly: true, create: false))
        var differences: [String] = []
        let count = try db.makeStatement("SELECT count(*) FROM orders WHERE source = ?1").scalar(source)?.intValue ?? -1
        if count != expected.count { differences.append("\(source): \(count) orders stored, \(expected.count) upstream") }
        let orderQuery = try db.makeStatement("""
            SELECT status_raw, currency, gross_minor, net_minor, tax_minor, is_paid, order_number
            FROM orders WHERE source = ?1 AND order_id = ?2
            """)
        let lineQuery = try db.makeStatement("""
            SELECT line_id, sku, quantity, unit_price_minor, gross_minor, net_minor, tax_minor
            FROM order_lines WHERE source = ?1 AND order_id = ?2 ORDER BY line_no
            """)
        for order in expected {
            let label = "\(source) order \(order.id)"
            guard let row = try orderQuery.query(source, order.id).first else {
                differences.append("\(label): missing")
                continue
            }
            func check<T: Equatable>(_ field: String, _ stored: T?, _ upstream: T?) {
                if stored != upstream { differences.append("\(label).\(field): stored \(String(describing: stored)), upstream \(String(describing: upstream))") }
            }
            check("status_raw", row.string(0), order.statusRaw)
            if let currency = order.currency { check("currency", row.string(1), currency) }
            check("gross_minor", row.int64(2), order.grossMinor)
            check("net_minor", row.int64(3), order.netMinor)
            check("tax_minor", row.int64(4), order.taxMinor)
            if let paid = order.isPaid { check("is_paid", row.int64(5), paid ? 1 : 0) }
            if let number = order.number { check("order_number", row.string(6), number) }
            let lines = try lineQuery.query(source, order.id)
            guard lines.count == order.lines.count else {
                differences.append("\(label): \(lines.count) lines stored, \(order.lines.count) upstream")
                continue
            }
            for (index, (stored, line)) in zip(lines, order.lines).enumerated() {
                let lineLabel = "lines[\(index)]"
                if let id = line.id { check("\(lineLabel).line_id", stored.string(0), id) }
                check("\(lineLabel).unit_price_minor", stored.int64(3), line.unitPriceMinor)
                if let gross = line.grossMinor { check("\(lineLabel).gross_minor", stored.int64(4), gross) }
                if let net = line.netMinor { check("\(lineLabel).net_minor", stored.int64(5), net) }
                if let tax = line.taxMinor { check("\(lineLabel).tax_minor", stored.int64(6), tax) }
                check("\(lineLabel).quantity", stored.double(2), Double(line.quantity))
            }
        }
        return differences
    }

    /// Rows of `table` for `source` (to check that nothing is duplicated).
    public static func count(_ table: String, database path: String, source: String) throws -> Int {
        // A table name cannot be a bound parameter: only the schema's own names are accepted.
        precondition(["orders", "order_lines", "invoices", "order_status_history", "rejected_records", "sync_runs", "deferred_records"].contains(table))
        let db = try Database(path: path, options: Database.OpenOptions(readOnly: true, create: false))
        return try db.makeStatement("SELECT count(*) FROM \(table) WHERE source = ?1").scalar(source)?.intValue ?? -1
    }
}

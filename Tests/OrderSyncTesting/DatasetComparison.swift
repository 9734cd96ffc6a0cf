import Foundation
import OrderSyncCore
import OrderSyncSimulator

/// Compares the canonical tables with a simulator snapshot, column by column: every order
/// (number, customer, canonical and raw status, currency, totals, paid flag, placed, updated,
/// invoiced and cancelled times), its lines (id, sku, description, quantity, prices, currency),
/// the source's invoices, and nothing more (no duplicates, no strays). The oracle of the
/// pipeline, crash and signal tests: a column the daemon stops filling shows up here.
public enum DatasetComparison {
    /// - Parameters:
    ///   - statusMap: the source's `status_map` (raw → canonical), which overrides the snapshot's
    ///     canonical status the way it overrides the dialect's own table.
    ///   - timeZone: the source's `timezone`, in which upstream times without an offset are read.
    public static func differences(database path: String, source: String, expected: [SimOrder],
                                   statusMap: [String: String] = [:], timeZone: ZoneRules = ZoneRules.utc)
        throws -> [String]
    {
        let db = try Database(path: path, options: Database.OpenOptions(readOnly: true, create: false))
        var differences: [String] = []
        let count = try db.makeStatement("SELECT count(*) FROM orders WHERE source = ?1").scalar(source)?.intValue ?? -1
        if count != expected.count { differences.append("\(source): \(count) orders stored, \(expected.count) upstream") }
        let orderQuery = try db.makeStatement("""
            SELECT status_raw, currency, gross_minor, net_minor, tax_minor, is_paid, order_number, status,
                   customer_id, customer_name, customer_ref, ordered_at, updated_at, invoiced_at, cancelled_at
            FROM orders WHERE source = ?1 AND order_id = ?2
            """)
        let lineQuery = try db.makeStatement("""
            SELECT line_id, sku, quantity, unit_price_minor, gross_minor, net_minor, tax_minor, description, currency
            FROM order_lines WHERE source = ?1 AND order_id = ?2 ORDER BY line_no
            """)
        for order in expected {
            let label = "\(source) order \(order.id)"
            guard let row = try orderQuery.query(source, order.id).first else {
                differences.append("\(label): missing")
                continue
            }
            func check<T: Equatable>(_ field: String, _ stored: T?, _ upstream: T?) {
                compare(label, field, stored, upstream, into: &differences)
            }
            check("status_raw", row.string(0), order.statusRaw)
            check("status", row.string(7), statusMap[order.statusRaw] ?? order.status)
            func time(_ column: String, _ date: Date) -> String {
                order.zonelessColumns.contains(column) ? timestamp(wallClock: date, in: timeZone) : timestamp(date)
            }
            check("currency", row.string(1), order.currency)
            check("gross_minor", row.int64(2), order.grossMinor)
            check("net_minor", row.int64(3), order.netMinor)
            check("tax_minor", row.int64(4), order.taxMinor)
            check("is_paid", row.int64(5), order.isPaid.map { $0 ? 1 : 0 })
            check("order_number", row.string(6), order.number)
            check("customer_id", row.string(8), order.customerID)
            check("customer_name", row.string(9), order.customerName)
            check("customer_ref", row.string(10), order.customerRef)
            check("ordered_at", row.string(11), time("ordered_at", order.placedAt))
            if order.updatedAtMayLag, let stored = row.string(12), let upstream = order.updatedAt.map({ time("updated_at", $0) }) {
                // ISO text in UTC sorts as time does.
                if stored > upstream { differences.append("\(label).updated_at: stored \(stored), after upstream's \(upstream)") }
            } else {
                check("updated_at", row.string(12), order.updatedAt.map { time("updated_at", $0) })
            }
            check("invoiced_at", row.string(13), order.invoicedAt.map { time("invoiced_at", $0) })
            check("cancelled_at", row.string(14), order.cancelledAt.map { time("cancelled_at", $0) })
            let lines = try lineQuery.query(source, order.id)
            guard lines.count == order.lines.count else {
                differences.append("\(label): \(lines.count) lines stored, \(order.lines.count) upstream")
                continue
            }
            for (index, (stored, line)) in zip(lines, order.lines).enumerated() {
                let lineLabel = "lines[\(index)]"
                check("\(lineLabel).line_id", stored.string(0), line.id)
                check("\(lineLabel).sku", stored.string(1), line.sku)
                check("\(lineLabel).description", stored.string(7), line.description)
                check("\(lineLabel).unit_price_minor", stored.int64(3), line.unitPriceMinor)
                check("\(lineLabel).gross_minor", stored.int64(4), line.grossMinor)
                check("\(lineLabel).net_minor", stored.int64(5), line.netMinor)
                check("\(lineLabel).tax_minor", stored.int64(6), line.taxMinor)
                check("\(lineLabel).quantity", stored.double(2), Double(line.quantity))
                check("\(lineLabel).currency", stored.string(8), order.currency)
            }
        }
        differences += try invoiceDifferences(db, source: source, expected: expected.flatMap(\.invoices))
        return differences
    }

    /// The source's `invoices` rows against the snapshot's invoices, by id.
    private static func invoiceDifferences(_ db: Database, source: String, expected: [SimInvoice]) throws -> [String] {
        var differences: [String] = []
        let rows = try db.makeStatement("""
            SELECT invoice_id, order_id, invoice_number, currency, amount_minor, issued_on, due_on, paid_on
            FROM invoices WHERE source = ?1
            """).query(source)
        if rows.count != expected.count { differences.append("\(source): \(rows.count) invoices stored, \(expected.count) upstream") }
        let stored = Dictionary(rows.compactMap { row in row.string(0).map { ($0, row) } }, uniquingKeysWith: { first, _ in first })
        for invoice in expected {
            let label = "\(source) invoice \(invoice.id)"
            guard let row = stored[invoice.id] else {
                differences.append("\(label): missing")
                continue
            }
            func check<T: Equatable>(_ field: String, _ stored: T?, _ upstream: T?) {
                compare(label, field, stored, upstream, into: &differences)
            }
            check("order_id", row.string(1), invoice.orderID)
            check("invoice_number", row.string(2), invoice.number)
            check("currency", row.string(3), invoice.currency)
            check("amount_minor", row.int64(4), invoice.amountMinor)
            check("issued_on", row.string(5), invoice.issuedOn)
            check("due_on", row.string(6), invoice.dueOn)
            check("paid_on", row.string(7), invoice.paidOn)
        }
        return differences
    }

    /// Notes `label.field` when the stored value is not the upstream's.
    private static func compare<T: Equatable>(_ label: String, _ field: String, _ stored: T?, _ upstream: T?,
                                              into differences: inout [String]) {
        if stored != upstream {
            differences.append("\(label).\(field): stored \(String(describing: stored)), upstream \(String(describing: upstream))")
        }
    }

    /// The schema's timestamp text, `YYYY-MM-DDTHH:MM:SSZ` in UTC.
    static func timestamp(_ date: Date) -> String {
        Instant(date).iso8601
    }

    /// The instant at which `zone`'s clocks show the wall-clock time `date` holds as UTC.
    static func timestamp(wallClock date: Date, in zone: ZoneRules) -> String {
        let guess = date.addingTimeInterval(-TimeInterval(zone.secondsFromGMT(for: date)))
        return timestamp(date.addingTimeInterval(-TimeInterval(zone.secondsFromGMT(for: guess))))
    }

    /// Rows of `table` for `source` (to check that nothing is duplicated).
    public static func count(_ table: String, database path: String, source: String) throws -> Int {
        // A table name cannot be a bound parameter: only the schema's own names are accepted.
        precondition(["orders", "order_lines", "invoices", "order_status_history", "rejected_records", "sync_runs", "deferred_records"].contains(table))
        let db = try Database(path: path, options: Database.OpenOptions(readOnly: true, create: false))
        return try db.makeStatement("SELECT count(*) FROM \(table) WHERE source = ?1").scalar(source)?.intValue ?? -1
    }
}

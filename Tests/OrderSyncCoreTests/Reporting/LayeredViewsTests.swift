import Foundation
import Testing

@testable import OrderSyncCore

/// Migration 7's views: numeric companions that sort as numbers, money text equal to the
/// daemon's own formatting at every exponent and sign, `counts_as_revenue` per canonical status,
/// and a database made by migration 5 moving to them with its rows.
@Suite("layered reporting views")
struct LayeredViewsTests {
    /// Writes one order per (id, status, currency, gross minor) on 2026-03-10 into source `s`.
    static func store(_ path: String, _ orders: [(String, OrderStatus, String, Int64)]) async throws -> SQLiteStore {
        let store = try SQLiteStore(path: path)
        try await store.registerSource(name: "s", dialect: "lifecycle", baseURL: "https://x.example")
        var batch = PageBatch(source: "s", stream: "orders")
        let instant = try TimestampParser.parse("2026-03-10T12:00:00Z", timeZone: ZoneRules.utc)
        for (id, status, currency, gross) in orders {
            batch.orders.append(.init(CanonicalOrder(
                orderID: id, status: status, statusRaw: status.rawValue, currency: currency, netMinor: gross / 2,
                taxMinor: gross - gross / 2, grossMinor: gross, orderedAt: instant, raw: "{}"), listDigest: nil))
        }
        try await store.write(batch)
        return store
    }

    static func column(_ store: SQLiteStore, _ sql: String) async throws -> [String] {
        try await store.withDatabase { db in try db.makeStatement(sql).query().map { $0.string(0) ?? "NULL" } }
    }

    @Test("ORDER BY the REAL companion sorts amounts as numbers in every view that has a text amount")
    func companionsSortAsNumbers() async throws {
        try await SQLiteTestDirectory.with { directory in
            let store = try await Self.store(directory + "/orders.db", [
                ("a", .confirmed, "EUR", 99_600), ("b", .confirmed, "EUR", 997_045), ("c", .confirmed, "EUR", 1_000_000)])
            // Text sorts 10000.00 last, which is what analysts got before.
            #expect(try await Self.column(store, "SELECT gross FROM orders_enriched ORDER BY gross DESC")
                    == ["9970.45", "996.00", "10000.00"])
            #expect(try await Self.column(store, "SELECT gross FROM orders_enriched ORDER BY gross_real DESC")
                    == ["10000.00", "9970.45", "996.00"])
            #expect(try await Self.column(store, "SELECT net FROM orders_enriched ORDER BY net_real DESC")
                    == ["5000.00", "4985.22", "498.00"])
            // One row per view: the companion is the text read as a number.
            try await store.setReportingCurrency("EUR")
            for (view, text, real) in [("revenue_daily", "gross", "gross_real"), ("revenue_monthly", "tax", "tax_real"),
                                       ("open_orders_aging", "gross", "gross_real"),
                                       ("orders_converted", "converted_gross", "converted_gross_real"),
                                       ("orders_converted", "converted_net", "converted_net_real")] {
                let rows = try await store.withDatabase { db in
                    try db.makeStatement("SELECT \(text), \(real), typeof(\(real)) FROM \(view) ORDER BY \(real) DESC").query()
                }
                #expect(!rows.isEmpty, "\(view)")
                for row in rows {
                    #expect(row.string(2) == "real", "\(view).\(real)")
                    #expect(Double(row.string(0) ?? "") == row.double(1), "\(view): \(row.string(0) ?? "NULL") vs \(row.double(1) ?? .nan)")
                }
                let reals = rows.compactMap { $0.double(1) }
                #expect(reals == reals.sorted(by: >), "\(view)")
            }
        }
    }

    @Test("money text equals the daemon's formatting at exponents 0 to 4, negative, zero and below one")
    func moneyTextEqualsMinorUnitsFormat() async throws {
        let amounts: [Int64] = [0, 1, -1, 5, -5, 99, 100, -100, 12_345, -12_345, 1_000_000_007, -9_000_000_000_000_000]
        let currencies = ["JPY", "EUR", "KWD", "CLF", "XAU"]
        var orders: [(String, OrderStatus, String, Int64)] = []
        for currency in currencies {
            for (index, amount) in amounts.enumerated() { orders.append(("\(currency)-\(index)", .completed, currency, amount)) }
        }
        try await SQLiteTestDirectory.with { directory in
            let store = try await Self.store(directory + "/orders.db", orders)
            let rows = try await store.withDatabase { db in
                try db.makeStatement("SELECT order_id, currency, gross_minor, gross, net, tax FROM orders_enriched").query()
            }
            #expect(rows.count == orders.count)
            for row in rows {
                let currency = row.string(1) ?? ""
                let gross = try #require(row.int64(2))
                let exponent = Currency.exponent(of: currency)
                #expect(row.string(3) == MinorUnits.format(gross, exponent: exponent), "\(currency) \(gross)")
                #expect(row.string(4) == MinorUnits.format(gross / 2, exponent: exponent), "\(currency) net")
                #expect(row.string(5) == MinorUnits.format(gross - gross / 2, exponent: exponent), "\(currency) tax")
            }
            // The sums' text too: one row per currency (every order is completed, on the same day).
            let sums = try await store.withDatabase { db in
                try db.makeStatement("SELECT currency, gross_minor, gross FROM revenue_monthly").query()
            }
            #expect(sums.count == currencies.count)
            for row in sums {
                let minor = try #require(row.int64(1))
                #expect(row.string(2) == MinorUnits.format(minor, exponent: Currency.exponent(of: row.string(0) ?? "")))
            }
        }
    }

    @Test("counts_as_revenue: confirmed, in progress, shipped, completed, on hold; never draft, pending, withdrawn or unknown")
    func countsAsRevenuePerStatus() async throws {
        // Written out here, not read from the code: a change to the list must change this test.
        let counting: Set<String> = ["confirmed", "in_progress", "shipped", "completed", "on_hold"]
        #expect(Set(OrderStatus.allCases.filter(\.countsAsRevenue).map(\.rawValue)) == counting)
        try await SQLiteTestDirectory.with { directory in
            let store = try await Self.store(directory + "/orders.db",
                                             OrderStatus.allCases.map { ($0.rawValue, $0, "EUR", 100) })
            try await store.setReportingCurrency("EUR")
            for view in ["orders_enriched", "revenue_daily", "revenue_monthly", "orders_converted"] {
                let rows = try await store.withDatabase { db in
                    try db.makeStatement("SELECT status, counts_as_revenue FROM \(view)").query()
                }
                #expect(rows.count == OrderStatus.allCases.count, "\(view)")
                for row in rows {
                    let status = row.string(0) ?? ""
                    #expect(row.int(1) == (counting.contains(status) ? 1 : 0), "\(view): \(status)")
                }
            }
            let revenue = try await Self.column(store, "SELECT CAST(sum(gross_minor) AS TEXT) FROM revenue_daily WHERE counts_as_revenue = 1")
            #expect(revenue == ["\(100 * counting.count)"])
        }
    }

    @Test("a database made by migration 5 moves to the layered views with its rows and the same figures")
    func migratesFromVersion5() async throws {
        try await SQLiteTestDirectory.with { directory in
            let path = directory + "/orders.db"
            var old = Migrator()
            for migration in Schema.migrator.migrations where migration.version <= 5 {
                old.register(version: migration.version, name: migration.name, migration.migrate)
            }
            let db = try Database(path: path)
            try old.migrate(db)
            try db.execute("""
                INSERT INTO sources (source, dialect, base_url) VALUES ('m', 'mobility', 'https://m.example');
                INSERT INTO orders (source, order_id, status, status_raw, currency, gross_minor, ordered_at, first_seen_at, synced_at, raw)
                    VALUES ('m', '1', 'draft', 'Draft', 'KWD', -1005, '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z', '{}'),
                           ('m', '2', 'shipped', 'Shipped', 'JPY', 7, '2026-01-02T10:00:00Z', '2026-01-02T10:00:00Z', '2026-01-02T10:00:00Z', '{}');
                """)
            let before = try db.makeStatement("SELECT order_id, gross, gross_real FROM orders_enriched ORDER BY order_id").query()
                .map { "\($0.string(0) ?? "") \($0.string(1) ?? "") \($0.double(2) ?? 0)" }
            db.close()
            let store = try SQLiteStore(path: path)
            let after = try await store.withDatabase { db in
                try db.makeStatement("SELECT order_id, gross, gross_real, counts_as_revenue FROM orders_enriched ORDER BY order_id").query()
            }
            #expect(after.map { "\($0.string(0) ?? "") \($0.string(1) ?? "") \($0.double(2) ?? 0)" } == before)
            #expect(before == ["1 -1.005 -1.005", "2 7 7.0"])
            #expect(after.map { $0.int(3) } == [0, 1])
            let version = try await store.withDatabase { db in try Schema.migrator.appliedVersion(db) }
            #expect(version == Schema.migrator.knownVersion)
        }
    }
}

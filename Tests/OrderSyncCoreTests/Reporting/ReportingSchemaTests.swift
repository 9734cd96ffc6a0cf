import Foundation
import Testing

@testable import OrderSyncCore

/// The reporting tables against the code: one table of currency exponents, time zone offsets
/// that agree with the system's zone data, local order dates across DST.
@Suite("reporting schema")
struct ReportingSchemaTests {
    @Test("the currencies table is the code's ISO 4217 table, row for row")
    func currenciesEqualTheCode() async throws {
        try await SQLiteTestDirectory.with { directory in
            let store = try SQLiteStore(path: directory + "/orders.db")
            let stored = try await store.withDatabase { db in
                try db.makeStatement("SELECT code, exponent, name FROM currencies ORDER BY code").query()
                    .map { Currency.Definition(code: $0.string(0) ?? "", exponent: $0.int(1) ?? -1, name: $0.string(2) ?? "") }
            }
            #expect(stored == Currency.iso4217)
            #expect(Currency.iso4217.map(\.code) == Currency.iso4217.map(\.code).sorted())
            // What the mappings have always assumed, and the default for codes not in the table.
            #expect(Currency.exponent(of: "JPY") == 0 && Currency.exponent(of: "KWD") == 3 && Currency.exponent(of: "CLF") == 4)
            #expect(Currency.exponent(of: "EUR") == 2 && Currency.exponent(of: "XAU") == Currency.defaultExponent)
            // The views' SQL spells this default out (`coalesce(c.exponent, 2)`).
            #expect(Currency.defaultExponent == 2)
            #expect(Currency.isKnown("EUR") && !Currency.isKnown("EURO") && !Currency.isKnown("XXX"))
        }
    }

    @Test("a version 3 database migrates: paid invoices keep their state, the views answer")
    func migratesFromVersion3() async throws {
        try await SQLiteTestDirectory.with { directory in
            let path = directory + "/orders.db"
            var old = Migrator()
            for migration in Schema.migrator.migrations.prefix(3) {
                old.register(version: migration.version, name: migration.name, migration.migrate)
            }
            let db = try Database(path: path)
            try old.migrate(db)
            try db.execute("""
                INSERT INTO sources (source, dialect, base_url) VALUES ('m', 'mobility', 'https://m.example');
                INSERT INTO orders (source, order_id, status, status_raw, currency, gross_minor, ordered_at, first_seen_at, synced_at, raw)
                    VALUES ('m', '1', 'completed', 'Completed', 'EUR', 1000, '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z', '{}');
                INSERT INTO invoices (source, invoice_id, order_id, status, currency, amount_minor, paid_on, raw)
                    VALUES ('m', 'a', '1', 'Paid', 'EUR', 1000, '2026-01-05', '{}'), ('m', 'b', '1', 'New', 'EUR', 5, NULL, '{}');
                """)
            db.close()
            let store = try SQLiteStore(path: path)
            let rows = try await store.withDatabase { db in
                try db.makeStatement("""
                    SELECT (SELECT group_concat(invoice_id || '=' || payment_state) FROM invoices),
                        e.timezone, e.ordered_on, e.is_paid, r.reconciles, r.reason
                    FROM orders_enriched e JOIN order_reconciliation r USING (source, order_id)
                    """).query()
            }
            #expect(rows.count == 1)
            #expect(rows.first?.string(0) == "a=paid,b=unknown")
            #expect(rows.first?.string(1) == "UTC" && rows.first?.string(2) == "2026-01-01")
            #expect(rows.first?.int(3) == 1)
            #expect(rows.first?.int(4) == 0 && rows.first?.string(5) == "no lines stored; invoices 10.05 differ from order gross 10.00 by 0.05")
        }
    }

    @Test("time zone periods agree with the zone data at every hour boundary sampled", arguments: [
        "Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kolkata", "Europe/Moscow", "America/New_York",
    ])
    func offsetsAgreeWithZoneData(_ identifier: String) throws {
        let zone = try #require(ZoneRules(identifier: identifier))
        let offsets = TimeZoneOffsets(zone)
        #expect(offsets.periods.first?.validFrom == TimeZoneOffsets.beginning)
        #expect(offsets.periods.last?.validUntil == TimeZoneOffsets.end)
        for (earlier, later) in zip(offsets.periods, offsets.periods.dropFirst()) {
            #expect(earlier.validUntil == later.validFrom && earlier.offsetSeconds != later.offsetSeconds)
        }
        // Every 6 hours from 2008 to 2032 (Moscow's 2011 and 2014 changes, Brazil's end of DST).
        var seconds: Int64 = 1_199_145_600
        while seconds < 1_956_528_000 {
            let text = Instant(secondsSinceEpoch: seconds).iso8601
            let period = offsets.periods.last { $0.validFrom <= text }
            #expect(period?.offsetSeconds == zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))), "\(identifier) \(text)")
            seconds += 6 * 3600
        }
    }

    @Test("ordered_on is the local date in the source's time zone, across DST and year ends")
    func localOrderDates() async throws {
        try await SQLiteTestDirectory.with { directory in
            let store = try SQLiteStore(path: directory + "/orders.db")
            let berlin = ZoneRules(identifier: "Europe/Berlin")!
            try await store.registerSource(name: "eu", dialect: "erp", baseURL: "https://erp.example", timezone: berlin)
            // Local midnights (the way erp stores `date_order`) and instants next to DST switches.
            let local = ["2026-01-01T00:00:00", "2026-03-29T01:59:59", "2026-03-29T03:00:00", "2026-07-01T00:00:00",
                         "2026-10-25T02:30:00", "2026-12-31T23:59:59", "2025-12-31T23:30:00"]
            var batch = PageBatch(source: "eu", stream: "orders")
            for (index, text) in local.enumerated() {
                let instant = try TimestampParser.parse(text, timeZone: berlin)
                batch.orders.append(.init(CanonicalOrder(
                    orderID: "\(index)", status: .confirmed, statusRaw: "validated", currency: "EUR", grossMinor: 100,
                    orderedAt: instant, raw: "{}"), listDigest: nil))
            }
            try await store.write(batch)
            let dates = try await store.withDatabase { db in
                try db.makeStatement("SELECT order_id, ordered_on, ordered_at FROM orders_enriched ORDER BY CAST(order_id AS INTEGER)").query()
            }
            #expect(dates.count == local.count)
            for (row, text) in zip(dates, local) {
                // Independently: Foundation's calendar in the zone, from the stored UTC timestamp.
                let utc = try TimestampParser.parse(row.string(2) ?? "", timeZone: ZoneRules.utc)
                #expect(row.string(1) == utc.dateText(in: berlin), "\(text)")
                #expect(row.string(1) == String(text.prefix(10)), "\(text)")
            }
        }
    }

    @Test("invoice payment states: mobility's table, a payment date for a status it does not know")
    func mobilityInvoiceStates() {
        #expect(MobilityInvoiceStatus.paymentState(status: "New", paidOn: nil) == .open)
        #expect(MobilityInvoiceStatus.paymentState(status: " paid ", paidOn: "2026-01-02") == .paid)
        #expect(MobilityInvoiceStatus.paymentState(status: "Cancelled", paidOn: nil) == .void)
        #expect(MobilityInvoiceStatus.paymentState(status: "Settled", paidOn: "2026-01-02") == .paid)
        #expect(MobilityInvoiceStatus.paymentState(status: "Settled", paidOn: nil) == .unknown)
        #expect(MobilityInvoiceStatus.paymentState(status: nil, paidOn: nil) == .unknown)
    }

    @Test("reporting.currency is an ISO 4217 code from the table")
    func reportingCurrencyKey() throws {
        let good = try ConfigFixtures.parse(ConfigFixtures.document(SourceFixture(), root: #""reporting": {"currency": "EUR"}, "#))
        #expect(good.reporting.currency == "EUR")
        #expect(try ConfigFixtures.parse(ConfigFixtures.document(SourceFixture())).reporting.currency == nil)
        let bad = ConfigFixtures.failure(ConfigFixtures.document(SourceFixture(), root: #""reporting": {"currency": "EURO"}, "#))
        #expect(bad?.path == "reporting.currency")
        let unknown = ConfigFixtures.failure(ConfigFixtures.document(SourceFixture(), root: #""reporting": {"currancy": "EUR"}, "#))
        #expect(unknown?.path == "reporting.currancy" && unknown?.message.contains("currency") == true)
    }
}

/// What the reporting views read besides the synced data: each source's time zone and its
/// offsets, the reporting currency, exchange rates; and the figures `demo` prints.
extension SQLiteStore {
    /// Writes the offsets of `timezone` unless the table already holds exactly these.
    static func writeOffsets(_ db: Database, timezone offsets: TimeZoneOffsets) throws {
        let stored = try db.cachedStatement("""
            SELECT valid_from, valid_until, offset_seconds FROM timezone_offsets WHERE timezone = ?1 ORDER BY valid_from
            """).query(offsets.timezone).map {
                TimeZoneOffsets.Period(validFrom: $0.string(0) ?? "", validUntil: $0.string(1) ?? "", offsetSeconds: $0.int(2) ?? 0)
            }
        guard stored != offsets.periods else { return }
        try db.cachedStatement("DELETE FROM timezone_offsets WHERE timezone = ?1").execute(offsets.timezone)
        let insert = try db.cachedStatement("""
            INSERT INTO timezone_offsets (timezone, valid_from, valid_until, offset_seconds) VALUES (?1, ?2, ?3, ?4)
            """)
        for period in offsets.periods {
            try insert.execute(offsets.timezone, period.validFrom, period.validUntil, Int64(period.offsetSeconds))
        }
    }

    /// Records the reporting currency the views convert to (`reporting.currency`); nil removes it.
    public func setReportingCurrency(_ code: String?) throws {
        try withDatabase { db in
            if let code {
                try db.cachedStatement("""
                    INSERT INTO reporting_settings (key, value) VALUES ('currency', ?1)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value
                    """).execute(code)
            } else {
                try db.cachedStatement("DELETE FROM reporting_settings WHERE key = 'currency'").execute()
            }
        }
    }


    /// Upserts `rates` in one transaction: a rate already stored with the same text is left
    /// alone, so importing a file twice changes nothing.
    public func importRates(_ rates: [FXRate]) async throws -> RateImportSummary {
        try await interruptible { db in
            try db.inTransaction {
                var summary = RateImportSummary()
                let existing = try db.cachedStatement("SELECT rate FROM fx_rates WHERE day = ?1 AND base = ?2 AND quote = ?3")
                let upsert = try db.cachedStatement("""
                    INSERT INTO fx_rates (day, base, quote, rate) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (day, base, quote) DO UPDATE SET rate = excluded.rate
                    """)
                for rate in rates {
                    let stored = try existing.query(rate.day, rate.base, rate.quote).first?.string(0)
                    if stored == rate.rate { summary.unchanged += 1; continue }
                    try upsert.execute(rate.day, rate.base, rate.quote, rate.rate)
                    if stored == nil { summary.added += 1 } else { summary.changed += 1 }
                }
                return summary
            }
        }
    }


    /// Revenue per month and source in the reporting currency, the latest `months` months: the
    /// view `demo` prints, and the first query of `docs/reporting.md`. Only orders whose status
    /// counts as revenue (`counts_as_revenue`): drafts, pending, cancelled, refunded and
    /// unknown-status orders are not revenue.
    public func monthlyRevenue(lastMonths months: Int) async throws -> [MonthlyRevenue] {
        try await interruptible { db in
            try db.cachedStatement("""
                SELECT c.ordered_month, c.source, count(*), sum(c.converted_gross_minor), max(c.reporting_currency),
                    sum(c.converted_gross_minor IS NULL AND c.gross_minor IS NOT NULL)
                FROM orders_converted c
                WHERE c.counts_as_revenue = 1 AND c.ordered_month IN (SELECT DISTINCT ordered_month FROM orders_enriched
                                          WHERE ordered_month IS NOT NULL ORDER BY ordered_month DESC LIMIT ?1)
                GROUP BY c.ordered_month, c.source
                ORDER BY c.ordered_month, c.source
                """).query(Int64(months)).map { row in
                    let currency = row.string(4)
                    return MonthlyRevenue(
                        month: row.string(0) ?? "", source: row.string(1) ?? "", orders: row.int(2) ?? 0,
                        revenue: row.int64(3).map { MinorUnits.format($0, exponent: Currency.exponent(of: currency ?? "")) },
                        currency: currency, unconverted: row.int(5) ?? 0)
                }
        }
    }
}

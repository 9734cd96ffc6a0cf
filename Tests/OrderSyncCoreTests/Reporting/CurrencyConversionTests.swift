import Foundation
import Testing

@testable import OrderSyncCore

/// `orders_converted` against conversions computed here with `Decimal`, independently of the
/// view's integer arithmetic; and the rate file's validation.
@Suite("currency conversion")
struct CurrencyConversionTests {
    /// Orders: id, currency, gross minor units, local order day.
    static let orders: [(String, String, Int64, String)] = [
        ("eur", "EUR", 12_345, "2026-03-10"),
        ("usd", "USD", 10_001, "2026-03-10"),      // direct rate of 03-09 (nearest earlier)
        ("usd-early", "USD", 500, "2026-02-28"),   // before every USD rate
        ("jpy", "JPY", 1_234_567, "2026-03-10"),   // inverse EUR→JPY, 0 → 2 decimals
        ("kwd", "KWD", 1_234_567, "2026-03-10"),   // direct, 3 → 2 decimals
        ("chf", "CHF", 999, "2026-03-10"),         // no rate at all
        ("neg", "USD", -10_005, "2026-03-10"),     // a refund: rounds away from zero too
        ("half", "GBP", 1, "2026-03-10"),          // 0.01 GBP × 1.5 = 0.015 → 0.02
        ("huge", "USD", 9_000_000_000_000_000, "2026-03-10"),
    ]
    static let rates = """
        day,base,quote,rate
        2026-03-01,USD,EUR,0.9
        2026-03-09,USD,EUR,0.91735
        2026-03-09,EUR,JPY,161.37
        2026-03-01,KWD,EUR,2.991
        2026-03-10,GBP,EUR,1.5
        """

    @Test("amounts converted on the order's day or the nearest earlier rate, exactly, or NULL with a reason")
    func convertedAmounts() async throws {
        try await SQLiteTestDirectory.with { directory in
            let store = try SQLiteStore(path: directory + "/orders.db")
            try await store.registerSource(name: "s", dialect: "lifecycle", baseURL: "https://x.example")
            var batch = PageBatch(source: "s", stream: "orders")
            for (id, currency, gross, day) in Self.orders {
                let instant = try TimestampParser.parse(day + "T12:00:00Z", timeZone: ZoneRules.utc)
                batch.orders.append(.init(CanonicalOrder(orderID: id, status: .confirmed, statusRaw: "x", currency: currency,
                                                         grossMinor: gross, orderedAt: instant, raw: "{}"), listDigest: nil))
            }
            try await store.write(batch)
            let none = try await converted(store)
            #expect(none["eur"]?.note == "no reporting currency: set reporting.currency in the configuration")
            try await store.setReportingCurrency("EUR")
            #expect(try await store.importRates(FXRateFile.parse(Self.rates, file: "r.csv")) == .init(added: 5, changed: 0, unchanged: 0))
            let rows = try await converted(store)
            func expected(_ gross: Int64, from exponent: Int, rate: String, inverse: Bool = false) -> Int64 {
                var value = Decimal(gross) / pow(Decimal(10), exponent)
                value = inverse ? value / Decimal(string: rate)! : value * Decimal(string: rate)!
                var scaled = value * 100
                var rounded = Decimal()
                NSDecimalRound(&rounded, &scaled, 0, .plain)
                return NSDecimalNumber(decimal: rounded).int64Value
            }
            #expect(rows["eur"]?.minor == 12_345 && rows["eur"]?.kind == "same")
            #expect(rows["usd"]?.minor == expected(10_001, from: 2, rate: "0.91735") && rows["usd"]?.day == "2026-03-09")
            #expect(rows["usd"]?.text == "91.74")
            #expect(rows["usd-early"]?.minor == nil && rows["usd-early"]?.note == "no USD/EUR rate on or before 2026-02-28")
            #expect(rows["jpy"]?.minor == expected(1_234_567, from: 0, rate: "161.37", inverse: true) && rows["jpy"]?.kind == "inverse")
            #expect(rows["kwd"]?.minor == expected(1_234_567, from: 3, rate: "2.991"))
            #expect(rows["chf"]?.minor == nil && rows["chf"]?.note == "no CHF/EUR rate on or before 2026-03-10")
            #expect(rows["neg"]?.minor == -expected(10_005, from: 2, rate: "0.91735") && rows["neg"]?.text == "-91.78")
            #expect(rows["half"]?.minor == 2)
            #expect(rows["huge"]?.minor == nil && rows["huge"]?.note?.contains("too large") == true)
            // Importing the same file again changes nothing.
            #expect(try await store.importRates(FXRateFile.parse(Self.rates, file: "r.csv")) == .init(added: 0, changed: 0, unchanged: 5))
        }
    }

    private struct Converted { var minor: Int64?; var text: String?; var kind: String?; var day: String?; var note: String? }

    private func converted(_ store: SQLiteStore) async throws -> [String: Converted] {
        try await store.withDatabase { db in
            Dictionary(uniqueKeysWithValues: try db.makeStatement("""
                SELECT order_id, converted_gross_minor, converted_gross, rate_kind, rate_day, conversion_note FROM orders_converted
                """).query().map { ($0.string(0) ?? "", Converted(minor: $0.int64(1), text: $0.string(2), kind: $0.string(3),
                                                                   day: $0.string(4), note: $0.string(5))) })
        }
    }

    @Test("rates are canonical decimal text; a bad file names every bad line and imports nothing")
    func rateFileValidation() throws {
        let rates = try FXRateFile.parse("day,base,quote,rate\r\n2026-01-02,eur,usd,\"001.08340\"\r\n\r\n2026-01-02,EUR,JPY,157\r\n", file: "f.csv")
        #expect(rates == [FXRate(day: "2026-01-02", base: "EUR", quote: "USD", rate: "1.0834"),
                          FXRate(day: "2026-01-02", base: "EUR", quote: "JPY", rate: "157")])
        let text = """
            day,base,quote,rate
            2026-02-30,EUR,USD,1.08
            2026-01-02,EUR,EURO,1.08
            2026-01-02,EUR,EUR,1
            2026-01-02,EUR,USD,1e3
            2026-01-02,EUR,USD,0
            2026-01-02,EUR,USD,-1.2
            2026-01-03,EUR,USD,1.08,extra
            2026-01-04,EUR,USD,1.08
            2026-01-04,EUR,USD,1.09
            2026-01-05,EUR,USD,0.000000000000001
            """
        do {
            _ = try FXRateFile.parse(text, file: "bad.csv")
            Issue.record("a bad file was accepted")
        } catch {
            #expect(error.problems.map(\.line) == [2, 3, 4, 5, 6, 7, 8, 10, 11])
            #expect(error.description.contains("bad.csv:2:1: day \"2026-02-30\" is not a date YYYY-MM-DD"))
            #expect(error.description.contains("bad.csv:10:1: EUR/USD on 2026-01-04 is given again with another rate (line 9 says 1.08)"))
            #expect(error.description.hasSuffix("nothing was imported; fix the file and run the command again"))
        }
        #expect(throws: FXRateFile.Errors.self) { try FXRateFile.parse("", file: "empty.csv") }
        #expect(throws: FXRateFile.Errors.self) { try FXRateFile.parse("date,from,to,rate\n", file: "h.csv") }
    }
}

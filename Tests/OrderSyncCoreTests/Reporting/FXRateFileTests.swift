import Testing

@testable import OrderSyncCore

/// `rates import`'s reading: quoted CSV fields, grouping commas, the ECB's one-column-per-currency
/// layout, and problems named by file, line and column with nothing imported.
@Suite("rate files")
struct FXRateFileTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try FXRateFile.parse(text, file: "r.csv")
            return []
        } catch {
            return error.problems.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }

    @Test("quoted fields: commas and doubled quotes inside, spaces around; grouping commas only before a decimal point")
    func quotedFields() throws {
        let rates = try FXRateFile.parse("""
            "day","base","quote","rate"
            2026-01-02, "EUR" ,USD,"1,234.5"
            2026-01-02,EUR,JPY,"1,234,567.000"
            "2026-01-02",EUR,GBP,0.85
            """, file: "r.csv")
        #expect(rates.map(\.rate) == ["1234.5", "1234567", "0.85"])
        #expect(rates.map(\.quote) == ["USD", "JPY", "GBP"])
        #expect(try FXRateFile.split("a,\"b \"\"c\"\", d\",,\"\"").get().map(\.text) == ["a", "b \"c\", d", "", ""])
        #expect(try FXRateFile.split(" x , \"y\"").get().map(\.column) == [2, 6])
    }

    @Test("quoting and comma mistakes are named by line and column")
    func quotingProblems() {
        let found = problems("""
            day,base,quote,rate
            2026-01-02,EUR,USD,"1.08
            2026-01-02,EUR,USD,"1.08"x
            2026-01-02,EUR,USD,1"08
            2026-01-02,EUR,USD,1,234.5
            2026-01-03,EUR,USD,"1,234"
            2026-01-04,EUR,USD,"12,34.5"
            """)
        #expect(found == [
            "2:20: the quoted field starting here has no closing quote (a quote inside a quoted field is written twice: \"\")",
            "3:26: unexpected text after the closing quote of a field; quote the whole field",
            "4:21: a quote inside an unquoted field; quote the whole field and double the quote (\"a \"\"b\"\"\")",
            "5:22: expected 4 fields (day,base,quote,rate), got 5 (a value with a comma must be quoted: \"1,234.5\")",
            "6:20: rate \"1,234\" has a comma that is not a thousands separator before a decimal point (write 1234.5 or 1,234.5; a decimal comma is not read)",
            "7:20: rate \"12,34.5\" has a comma that is not a thousands separator before a decimal point (write 1234.5 or 1,234.5; a decimal comma is not read)",
        ])
    }

    /// The first lines of the ECB's eurofxref-hist.csv, as published (trailing commas included).
    static let ecb = """
        Date,USD,JPY,BGN,CYP,CZK,GBP,
        2024-01-05,1.0921,158.08,1.9558,N/A,24.615,0.86078,
        2024-01-04,1.0953,158.27,1.9558,N/A,24.645,0.86410,
        """

    @Test("the ECB layout: one rate against the euro per cell, N/A and empty cells skipped, both date forms")
    func ecbLayout() throws {
        let rates = try FXRateFile.parse(Self.ecb, file: "eurofxref-hist.csv")
        #expect(rates.count == 10)
        #expect(rates.allSatisfy { $0.base == "EUR" })
        #expect(rates.first == FXRate(day: "2024-01-05", base: "EUR", quote: "USD", rate: "1.0921"))
        #expect(rates.contains(FXRate(day: "2024-01-04", base: "EUR", quote: "GBP", rate: "0.8641")))
        // CYP: a currency the euro replaced, still a column of the history file; not stored.
        #expect(!rates.contains { $0.quote == "CYP" })
        // The latest-day file: spaces after commas, the day written out.
        let daily = try FXRateFile.parse("Date, USD, JPY, \n05 January 2024, 1.0921, 158.08, \n", file: "eurofxref.csv")
        #expect(daily == [FXRate(day: "2024-01-05", base: "EUR", quote: "USD", rate: "1.0921"),
                          FXRate(day: "2024-01-05", base: "EUR", quote: "JPY", rate: "158.08")])
    }

    @Test("a bad ECB file: every problem with line and column, nothing imported")
    func ecbProblems() {
        #expect(problems("Date,USD,EURO,\n") == ["1:10: column \"EURO\" is not a currency code of three letters (the ECB layout is Date, then one column per currency)"])
        #expect(problems("Date,USD,,JPY\n") == ["1:10: an empty column name before other columns; every column after Date must name a currency"])
        #expect(problems("Date,USD,EUR\n") == ["1:10: column EUR: in the ECB layout every rate is against the euro, so EUR cannot be a column"])
        let found = problems("""
            Date,USD,JPY,
            2024-01-05,1.0921,abc,
            2024-02-30,1.09,158,
            2024-01-08,1.09,
            2024-01-09,1.09,158,7
            2024-01-10,1.09,158,
            2024-01-10,1.0900,158.1,
            """)
        #expect(found == [
            "2:19: JPY: rate \"abc\" is not a plain decimal number such as 1.0834 (no sign, exponent or thousands separator)",
            "3:1: Date \"2024-02-30\" is not a date YYYY-MM-DD (or the ECB's 05 January 2024)",
            "4:17: expected 4 fields as in the header, got 3",
            "5:21: a value \"7\" in a column without a currency",
            "7:1: EUR/JPY on 2024-01-10 is given again with another rate (line 6 says 158)",
        ])
    }
}

/// The European Central Bank's published layout: the euro foreign exchange reference rates as
/// `eurofxref-hist.csv` (all days) and `eurofxref.csv` (the latest day), from
/// https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/
///
/// ```
/// Date,USD,JPY,BGN,CYP,...,
/// 2024-01-05,1.0921,158.08,1.9558,N/A,...,
/// ```
///
/// Each cell says what one euro was worth in the column's currency that day, so it is stored
/// as base EUR, quote the column (the view uses it inversely to convert into euros). `N/A` and
/// empty cells (currencies the ECB no longer or not yet quoted) are not rates and are skipped, and
/// so are the columns of currencies no longer in ISO 4217's active list (the history file keeps
/// CYP, EEK, SIT… that the euro replaced): they are checked, not stored.
/// Every line ends with a comma, so the header has an empty last column; an empty column may
/// only come last and its cells must be empty. The latest-day file writes `Date, USD, …` and the
/// day as `05 January 2024`: both are read.
extension FXRateFile {
    static let ecbBase = "EUR"

    static func ecbLayout(_ fields: [String]) -> Result<Layout, Problem> {
        var currencies: [String?] = [nil]
        for (index, field) in fields.enumerated().dropFirst() {
            let code = field.uppercased()
            if code.isEmpty {
                guard fields[index...].allSatisfy(\.isEmpty) else {
                    return .failure(Problem("an empty column name before other columns; every column after Date must name a currency", field: index))
                }
                currencies.append(nil)
                continue
            }
            guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
                return .failure(Problem("column \"\(field.prefix(40))\" is not a currency code of three letters (the ECB layout is Date, then one column per currency)", field: index))
            }
            guard code != ecbBase else {
                return .failure(Problem("column EUR: in the ECB layout every rate is against the euro, so EUR cannot be a column", field: index))
            }
            if let earlier = currencies.firstIndex(of: code) {
                return .failure(Problem("column \(code) appears twice (also column \(earlier + 1))", field: index))
            }
            currencies.append(code)
        }
        guard currencies.contains(where: { $0 != nil }) else { return .failure(Problem("no currency columns after Date", field: 1)) }
        return .success(.ecb(currencies: currencies))
    }

    static func ecbRates(_ fields: [String], currencies: [String?]) -> Result<[FXRate], Problem> {
        guard fields.count == currencies.count else {
            return .failure(Problem("expected \(currencies.count) fields as in the header, got \(fields.count)"
                                    + (fields.count > currencies.count ? " (a value with a comma must be quoted: \"1,234.5\")" : ""),
                                    field: min(fields.count, currencies.count)))
        }
        guard let day = ecbDay(fields[0]) else {
            return .failure(Problem("Date \"\(fields[0].prefix(40))\" is not a date YYYY-MM-DD (or the ECB's 05 January 2024)", field: 0))
        }
        var rates: [FXRate] = []
        for (index, currency) in currencies.enumerated().dropFirst() {
            let cell = fields[index]
            guard let currency else {
                if !cell.isEmpty { return .failure(Problem("a value \"\(cell.prefix(40))\" in a column without a currency", field: index)) }
                continue
            }
            if cell.isEmpty || cell.uppercased() == "N/A" { continue }
            switch rate(cell, field: index) {
            case .failure(let problem): return .failure(Problem("\(currency): " + problem.message, field: index))
            case .success(let text):
                // A currency the euro replaced (CYP, SIT…): no order is in it, so it is checked but not stored.
                if Currency.isKnown(currency) { rates.append(FXRate(day: day, base: ecbBase, quote: currency, rate: text)) }
            }
        }
        return .success(rates)
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                 "october", "november", "december"]

    /// `YYYY-MM-DD`, or `D[D] Month YYYY` (the latest-day file), as `YYYY-MM-DD`; nil otherwise.
    static func ecbDay(_ text: String) -> String? {
        if isDate(text) { return text }
        let parts = text.split(separator: " ")
        guard parts.count == 3, let month = months.firstIndex(of: parts[1].lowercased()),
              parts[0].count <= 2, let day = Int(parts[0]), parts[2].count == 4, Int(parts[2]) != nil else { return nil }
        let iso = "\(parts[2])-\(month < 9 ? "0" : "")\(month + 1)-\(day < 10 ? "0" : "")\(day)"
        return isDate(iso) ? iso : nil
    }
}

import FoundationEssentials
import PlatformSupport

/// A CSV file of exchange rates, read whole and checked row by row: every problem is reported
/// with its line and column, and nothing is imported unless every row is good. Two layouts:
///
/// - ours, the header `day,base,quote,rate` and one rate a row;
/// - the European Central Bank's (`eurofxref-hist.csv`, `eurofxref.csv`): the header `Date` and
///   one column per currency, each cell what one euro is worth in it, `N/A` or empty where the
///   ECB published nothing that day (`FXRateFile+ECB.swift`).
///
/// Fields may be quoted as spreadsheets write them (`"1,234.5"`, `""` for a quote inside), see
/// `FXRateFile+CSV.swift`; a rate may use `,` between groups of three digits when it also has a
/// decimal point (`1,234.5`), never alone (`1,234` is 1234 in one locale and 1.234 in another).
public enum FXRateFile {
    public static let header = ["day", "base", "quote", "rate"]

    /// What is wrong, and in which field of the line (0-based; nil for the whole line).
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
        public var field: Int?
        public init(_ message: String, field: Int? = nil) {
            self.message = message
            self.field = field
        }
    }

    /// Every problem of a file, with where it is: line and column (1-based, in characters).
    public struct Errors: Error, Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var problems: [(line: Int, column: Int, message: String)]

        public static func == (lhs: Errors, rhs: Errors) -> Bool {
            lhs.file == rhs.file && lhs.problems.map(\.line) == rhs.problems.map(\.line)
                && lhs.problems.map(\.column) == rhs.problems.map(\.column) && lhs.problems.map(\.message) == rhs.problems.map(\.message)
        }

        /// The first 20 problems, one a line, `file:line:column: message`.
        public var description: String {
            var lines = problems.prefix(20).map { "\(file):\($0.line):\($0.column): \($0.message)" }
            if problems.count > 20 { lines.append("… and \(problems.count - 20) more problems") }
            lines.append("nothing was imported; fix the file and run the command again")
            return lines.joined(separator: "\n")
        }
    }

    /// How the rows read: one rate a row, or the ECB's columns of quotes against the euro.
    enum Layout {
        case rows
        case ecb(currencies: [String?])
    }

    /// The rates in `text` (the contents of `file`, named in errors).
    public static func parse(_ text: String, file: String) throws(Errors) -> [FXRate] {
        var problems: [(line: Int, column: Int, message: String)] = []
        var rates: [FXRate] = []
        var seen: [String: (line: Int, rate: String)] = [:]
        var layout: Layout?
        // "\r\n" is one Character in Swift: both line ends split, and line numbers stay right.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.trimmingWhitespace().isEmpty { continue }
            let fields: [Field]
            switch split(line) {
            case .failure(let problem): problems.append((number, problem.column, problem.message)); continue
            case .success(let split): fields = split
            }
            func report(_ problem: Problem) {
                let column = problem.field.map { $0 < fields.count ? fields[$0].column : line.count + 1 } ?? 1
                problems.append((number, column, problem.message))
            }
            guard let known = layout else {
                switch headerLayout(fields.map(\.text)) {
                case .success(let found): layout = found
                case .failure(let problem): report(problem); layout = .rows
                }
                continue
            }
            let row: Result<[FXRate], Problem>
            switch known {
            case .rows: row = rowsRate(fields.map(\.text)).map { [$0] }
            case .ecb(let currencies): row = ecbRates(fields.map(\.text), currencies: currencies)
            }
            switch row {
            case .failure(let problem): report(problem)
            case .success(let found):
                for rate in found {
                    let key = "\(rate.day) \(rate.base) \(rate.quote)"
                    if let earlier = seen[key] {
                        if earlier.rate != rate.rate {
                            report(Problem("\(rate.base)/\(rate.quote) on \(rate.day) is given again with another rate (line \(earlier.line) says \(earlier.rate))"))
                        }
                        continue
                    }
                    seen[key] = (number, rate.rate)
                    rates.append(rate)
                }
            }
        }
        if layout == nil { problems.append((1, 1, "the file is empty; expected the header \(header.joined(separator: ",")) (or the ECB's Date,USD,JPY,…) and rows")) }
        guard problems.isEmpty else { throw Errors(file: file, problems: problems) }
        return rates
    }

    private static func headerLayout(_ fields: [String]) -> Result<Layout, Problem> {
        if fields.map({ $0.lowercased() }) == header { return .success(.rows) }
        if fields.first?.lowercased() == "date", fields.count > 1 { return ecbLayout(fields) }
        return .failure(Problem("expected the header \(header.joined(separator: ",")), or the ECB's Date followed by currency codes, "
                                + "got \"\(fields.joined(separator: ",").prefix(60))\"", field: 0))
    }

    private static func rowsRate(_ fields: [String]) -> Result<FXRate, Problem> {
        guard fields.count == 4 else {
            return .failure(Problem("expected 4 fields (day,base,quote,rate), got \(fields.count)"
                                    + (fields.count > 4 ? " (a value with a comma must be quoted: \"1,234.5\")" : ""),
                                    field: min(fields.count, 4)))
        }
        let (day, base, quote) = (fields[0], fields[1].uppercased(), fields[2].uppercased())
        guard isDate(day) else { return .failure(Problem("day \"\(day.prefix(40))\" is not a date YYYY-MM-DD", field: 0)) }
        for (index, name, code) in [(1, "base", base), (2, "quote", quote)] where !Currency.isKnown(code) {
            return .failure(Problem("\(name) \"\(code.prefix(40))\" is not an ISO 4217 currency code", field: index))
        }
        guard base != quote else { return .failure(Problem("base and quote are both \(base)", field: 2)) }
        return rate(fields[3], field: 3).map { FXRate(day: day, base: base, quote: quote, rate: $0) }
    }

    /// A rate field in canonical form: grouping commas dropped where unambiguous, then `FXRate`'s rules.
    static func rate(_ text: String, field: Int) -> Result<String, Problem> {
        var plain = text
        if text.contains(",") {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return .failure(Problem("rate \"\(text.prefix(40))\" has a comma that is not a thousands separator before a decimal point "
                                        + "(write 1234.5 or 1,234.5; a decimal comma is not read)", field: field))
            }
            plain = groups.joined() + "." + parts[1]
        }
        return FXRate.canonicalRate(plain).mapError { Problem($0.message.replacing("\"\(plain.prefix(40))\"", with: "\"\(text.prefix(40))\""), field: field) }
    }

    /// A real calendar day in `YYYY-MM-DD` form.
    static func isDate(_ text: String) -> Bool {
        guard text.utf8.count == 10, let civil = try? TimestampParser.parseDate(text) else { return false }
        return civil.dateText == text
    }
}

import FoundationEssentials
import PlatformSupport

/// A CSV file of exchange rates, `day,base,quote,rate` (that header first), read whole and
/// checked row by row: every problem is reported with its line, and nothing is imported
/// unless every row is good.
public enum FXRateFile {
    public static let header = ["day", "base", "quote", "rate"]

    /// What is wrong with one row.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    /// Every problem of a file, with where it is.
    public struct Errors: Error, Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var problems: [(line: Int, message: String)]

        public static func == (lhs: Errors, rhs: Errors) -> Bool {
            lhs.file == rhs.file && lhs.problems.map(\.line) == rhs.problems.map(\.line)
                && lhs.problems.map(\.message) == rhs.problems.map(\.message)
        }

        /// The first 20 problems, one a line, `file:line: message`.
        public var description: String {
            var lines = problems.prefix(20).map { "\(file):\($0.line): \($0.message)" }
            if problems.count > 20 { lines.append("… and \(problems.count - 20) more problems") }
            lines.append("nothing was imported; fix the file and run the command again")
            return lines.joined(separator: "\n")
        }
    }

    /// The rates in `text` (the contents of `file`, named in errors).
    public static func parse(_ text: String, file: String) throws(Errors) -> [FXRate] {
        var problems: [(line: Int, message: String)] = []
        var rates: [FXRate] = []
        var seen: [String: (line: Int, rate: String)] = [:]
        var sawHeader = false
        // "\r\n" is one Character in Swift: both line ends split, and line numbers stay right.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.trimmingWhitespace().isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(unquote)
            if !sawHeader {
                sawHeader = true
                if fields.map({ $0.lowercased() }) != header {
                    problems.append((number, "expected the header \(header.joined(separator: ",")), got \"\(line.prefix(60))\""))
                }
                continue
            }
            guard fields.count == 4 else {
                problems.append((number, "expected 4 fields (day,base,quote,rate), got \(fields.count)"))
                continue
            }
            switch row(fields) {
            case .failure(let problem):
                problems.append((number, problem.message))
            case .success(let rate):
                let key = "\(rate.day) \(rate.base) \(rate.quote)"
                if let earlier = seen[key] {
                    if earlier.rate != rate.rate {
                        problems.append((number, "\(rate.base)/\(rate.quote) on \(rate.day) is given again with another rate (line \(earlier.line) says \(earlier.rate))"))
                    }
                    continue
                }
                seen[key] = (number, rate.rate)
                rates.append(rate)
            }
        }
        if !sawHeader { problems.append((1, "the file is empty; expected the header \(header.joined(separator: ",")) and rows")) }
        guard problems.isEmpty else { throw Errors(file: file, problems: problems) }
        return rates
    }

    private static func row(_ fields: [String]) -> Result<FXRate, Problem> {
        let (day, base, quote, rate) = (fields[0], fields[1].uppercased(), fields[2].uppercased(), fields[3])
        guard isDate(day) else { return .failure(Problem("day \"\(day.prefix(40))\" is not a date YYYY-MM-DD")) }
        for (name, code) in [("base", base), ("quote", quote)] where !Currency.isKnown(code) {
            return .failure(Problem("\(name) \"\(code.prefix(40))\" is not an ISO 4217 currency code"))
        }
        guard base != quote else { return .failure(Problem("base and quote are both \(base)")) }
        return FXRate.canonicalRate(rate).map { FXRate(day: day, base: base, quote: quote, rate: $0) }
    }

    /// A real calendar day in `YYYY-MM-DD` form.
    static func isDate(_ text: String) -> Bool {
        guard text.utf8.count == 10, let civil = try? TimestampParser.parseDate(text) else { return false }
        return civil.dateText == text
    }

    private static func unquote(_ field: Substring) -> String {
        let trimmed = field.trimmingWhitespace()
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
        return String(trimmed.dropFirst().dropLast())
    }
}

import FoundationEssentials
import PlatformSupport

/// A server's `Retry-After` hint: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
///
/// `0`, a date that has already passed, or anything unparsable is no hint at all, and the
/// caller falls back to its normal backoff.
public struct RetryAfter: Sendable, Equatable {
    /// How long the server asked to wait, measured from `now` at parse time.
    public var delay: Duration

    public init(delay: Duration) {
        self.delay = delay
    }

    /// Parses a header value; `nil` when it carries no usable hint. `now` is the wall clock an
    /// HTTP-date is measured against (the client's injected one, never read here).
    public init?(headerValue: String, now: Instant) {
        let text = headerValue.trimmingWhitespace()
        if !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            // Absurdly long digit strings overflow Int; they mean "a very long time".
            let seconds = Int(text) ?? Int.max
            guard seconds > 0 else { return nil }
            self.delay = .seconds(seconds)
            return
        }
        guard let date = Self.parseHTTPDate(text) else { return nil }
        let seconds = date.secondsSinceEpoch - now.secondsSinceEpoch
        guard seconds > 0 else { return nil }
        self.delay = .seconds(seconds)
    }

    /// The delay raised to `floor` and cut down to `cap`.
    public func clamped(floor: Duration, cap: Duration) -> Duration {
        min(max(delay, floor), max(floor, cap))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses the three HTTP-date forms: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the
    /// obsolete RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime
    /// (`Sun Nov  6 08:49:37 1994`) forms. The weekday is not checked.
    static func parseHTTPDate(_ text: String) -> Instant? {
        let separators: Set<Character> = [" ", ",", "-", ":"]
        let tokens = text.split(whereSeparator: { separators.contains($0) }).map(String.init)
        let fields: (day: String, month: String, year: String, time: ArraySlice<String>)
        if tokens.count == 8, tokens[7].uppercased() == "GMT" {
            fields = (tokens[1], tokens[2], tokens[3], tokens[4...6])
        } else if tokens.count == 7 {
            fields = (tokens[2], tokens[1], tokens[6], tokens[3...5])
        } else {
            return nil
        }
        guard let month = months.firstIndex(of: fields.month.lowercased()).map({ $0 + 1 }),
            let day = Int(fields.day), (1...31).contains(day),
            var year = Int(fields.year),
            let hour = Int(fields.time[fields.time.startIndex]), (0...23).contains(hour),
            let minute = Int(fields.time[fields.time.startIndex + 1]), (0...59).contains(minute),
            let second = Int(fields.time[fields.time.startIndex + 2]), (0...60).contains(second)
        else { return nil }
        if fields.year.count == 2 {
            year += year < 70 ? 2000 : 1900
        }
        let days = CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day))
        let seconds = days * CivilCalendar.secondsPerDay + Int64(hour * 3_600 + minute * 60 + second)
        return Instant(secondsSinceEpoch: seconds)
    }
}

import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// The source values whose checks go beyond their JSON type.
extension ConfigReader {
    mutating func readBaseURL(in fields: ConfigFields) -> URL? {
        guard let text = string("base_url", in: fields, required: true) else { return nil }
        let path = fields.path(of: "base_url")
        // A user, a password or a query may hold a credential (`?api_key=…`): such a URL is
        // refused without repeating any of it, so the key does not end up in a log or a ticket.
        let mayHoldCredential = text.contains("@") || text.contains("?") || text.contains("#")
        guard var components = URLComponents(string: text) else {
            report(path, mayHoldCredential ? "not a valid URL" : "not a valid URL: \(Self.quote(text))")
            return nil
        }
        guard components.user == nil, components.password == nil, components.query == nil else {
            report(path, "must not carry credentials or a query string; put the key in auth")
            return nil
        }
        guard components.fragment == nil else {
            report(path, "must not have a fragment (#…); give the URL up to its path")
            return nil
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            report(path, "expected an https:// URL, got \(Self.quote(text))")
            return nil
        }
        guard let host = components.host, !host.isEmpty else {
            report(path, "expected a host name in \(Self.quote(text))")
            return nil
        }
        if scheme == "http", !Self.isLoopback(host: host) {
            report(
                path,
                "http:// is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost); use https:// for \(host)")
            return nil
        }
        components.scheme = scheme
        while components.percentEncodedPath.hasSuffix("/") {
            components.percentEncodedPath.removeLast()
        }
        guard let url = components.url else {
            report(path, "not a valid URL: \(Self.quote(text))")
            return nil
        }
        return url
    }

    /// Whether `host` (as in a URL, IPv6 in brackets) can only reach this machine.
    static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" { return true }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, name, &ipv4) == 1 {
            return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, name, &ipv6) == 1 {
            let bytes = withUnsafeBytes(of: &ipv6) { Array($0) }
            return bytes == [UInt8](repeating: 0, count: 15) + [1]
        }
        return false
    }

    mutating func readTimeZone(in fields: ConfigFields) -> ZoneRules {
        let utc = ZoneRules.utc
        guard let name = string("timezone", in: fields) else { return utc }
        // Offsets such as "GMT+5" ignore daylight saving time: only real zone names pass.
        let isOffset = ["GMT+", "GMT-", "UTC+", "UTC-"].contains { name.hasPrefix($0) }
        guard !isOffset, let zone = ZoneRules(identifier: name) else {
            let directory = ZoneRules.systemDirectory
            var info = stat()
            let hasData = stat(directory + "/Europe/Berlin", &info) == 0
            report(
                fields.path(of: "timezone"),
                hasData
                    ? "unknown time zone \(Self.quote(name)); expected an IANA name such as \"Europe/Berlin\" or \"UTC\" "
                        + "(old aliases such as \"US/Eastern\" need the tzdata-legacy package)"
                    : "time zone \(Self.quote(name)) cannot be read: there is no time zone data in \(directory) "
                        + "(install the tzdata package, or set TZDIR)")
            return utc
        }
        return zone
    }

    /// `start_date` as written, or 30 days before `now` in the source's zone when absent.
    mutating func readStartDate(in fields: ConfigFields, timezone: ZoneRules) -> (text: String, defaulted: Bool)? {
        guard fields.contains("start_date") else {
            return (Self.format(dayOf: now, minusDays: 30, in: timezone), true)
        }
        guard let text = string("start_date", in: fields) else { return nil }
        if let problem = Self.dateProblem(text) {
            report(fields.path(of: "start_date"), problem)
            return nil
        }
        return (text, false)
    }

    /// Why `text` is not a valid `YYYY-MM-DD` date, or nil when it is one.
    static func dateProblem(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let shapeIsRight = parts.count == 3 && zip(parts, [4, 2, 2]).allSatisfy { part, width in
            part.utf8.count == width && part.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        guard shapeIsRight, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return "expected a date as YYYY-MM-DD, got \(quote(text))"
        }
        guard year >= 1970 else { return "invalid date \(quote(text)): the year must be 1970 or later" }
        guard (1...12).contains(month) else { return "invalid date \(quote(text)): there is no month \(month)" }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else {
            return "invalid date \(quote(text)): month \(month) of \(year) has \(lengths[month - 1]) days"
        }
        return nil
    }

    /// The calendar day `days` before `date` in `timezone`, counted in days rather than 24-hour
    /// steps so a daylight-saving change in between cannot shift it.
    static func format(dayOf date: Date, minusDays days: Int, in timezone: ZoneRules) -> String {
        // The local wall-clock fields read as if UTC: whole days step exactly there.
        let local = Instant(date).civilTime(in: timezone)
        return CivilTime(utcSeconds: local.secondsIfUTC - Int64(days) * 86_400).dateText
    }

    mutating func readCurrency(in fields: ConfigFields) -> String? {
        guard let code = string("currency", in: fields) else { return nil }
        guard Currency.isWellFormed(code) else {
            report(
                fields.path(of: "currency"),
                "expected an ISO 4217 currency code of three capital letters such as \"EUR\", got \(Self.quote(code))")
            return nil
        }
        return code
    }

    mutating func readStatusMap(in fields: ConfigFields) -> [String: OrderStatus] {
        guard let object = object("status_map", in: fields) else { return [:] }
        let mapPath = fields.path(of: "status_map")
        let canonical = OrderStatus.allCases.map(\.rawValue)
        var map: [String: OrderStatus] = [:]
        var seen: Set<String> = []
        for member in object.members {
            let path = ConfigFields.join(mapPath, freeKey: member.key)
            guard seen.insert(member.key).inserted else {
                report(path, "duplicate key; give it once")
                continue
            }
            guard case .string(let name) = member.value else {
                report(path, "expected a canonical status name (a string), got \(Self.show(member.value))")
                continue
            }
            guard let status = OrderStatus(rawValue: name) else {
                var message = "unknown status \(Self.quote(name)); expected one of \(canonical.joined(separator: ", "))"
                if let suggestion = KeySuggestion.closest(to: name, among: canonical) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                report(path, message)
                continue
            }
            map[member.key] = status
        }
        return map
    }
}

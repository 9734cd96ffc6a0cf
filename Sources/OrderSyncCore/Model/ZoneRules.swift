import FoundationEssentials

/// The UTC offsets of one IANA time zone (`Europe/Berlin`), read from the system's tzdata.
///
/// `TimeZone(identifier:)` from FoundationEssentials knows no named zones (they need
/// FoundationInternationalization and ICU, ~9 MB resident), so ordersync reads the TZif files
/// in `$TZDIR` (default `/usr/share/zoneinfo`) itself: the same data the C library and `date`
/// use. Equal (and hashed) by identifier.
public struct ZoneRules: Sendable, Hashable, CustomStringConvertible {
    /// The name the rules were asked for, as given (`Europe/Berlin`, `UTC`).
    public let identifier: String
    let table: Table

    /// Coordinated Universal Time: offset 0 at every instant.
    public static let utc = ZoneRules(identifier: "UTC", table: .utc)

    /// The offsets of a zone as read from a TZif file, kept in the form the lookups want.
    struct Table: Sendable {
        /// Instants (UTC seconds) at which the offset changes, ascending. Transitions of the
        /// file that keep the offset (a change of abbreviation or of the DST flag) are dropped.
        var transitions: [Int64]
        /// The offset from `transitions[i]` on.
        var offsets: [Int]
        /// The offset before the first transition.
        var initialOffset: Int
        /// The rule after `footerStart` (the file's last transition, or every instant when the
        /// file has none); nil for version 1 files and empty footers: the last offset stays.
        var footer: POSIXRule?
        var footerStart: Int64

        static let utc = Table(transitions: [], offsets: [], initialOffset: 0, footer: nil, footerStart: .min)
    }

    init(identifier: String, table: Table) {
        self.identifier = identifier
        self.table = table
    }

    /// The rules of the zone named `identifier` in `$TZDIR` (default `/usr/share/zoneinfo`).
    ///
    /// `UTC`, `GMT`, `Etc/UTC` and `Etc/GMT` need no file. Nil for a name that is not a plausible
    /// IANA name (empty, absolute, `..`, characters outside `A-Za-z0-9/_+-`), for a zone without
    /// a file, and for a file that is not valid TZif.
    public init?(identifier: String) {
        self.init(identifier: identifier, directory: Self.systemDirectory)
    }

    /// The same, from the TZif files under `directory`: what tests use instead of the
    /// process-global `TZDIR`.
    init?(identifier: String, directory: String) {
        if Self.utcNames.contains(identifier) {
            self.init(identifier: identifier, table: .utc)
            return
        }
        guard Self.isPlausibleName(identifier),
              let bytes = Self.readFile(directory + "/" + identifier),
              let table = Table(tzif: bytes)
        else { return nil }
        self.init(identifier: identifier, table: table)
    }

    static let utcNames: Set<String> = ["UTC", "GMT", "Etc/UTC", "Etc/GMT"]

    public var description: String { identifier }

    public static func == (lhs: ZoneRules, rhs: ZoneRules) -> Bool { lhs.identifier == rhs.identifier }

    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

    /// The UTC offset in seconds (east positive) in force at `date`.
    public func secondsFromGMT(for date: Date) -> Int {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // NaN and instants beyond any calendar get the offset of the nearest bound, not a trap.
        guard !seconds.isNaN else { return secondsFromGMT(atUTCSeconds: 0) }
        return secondsFromGMT(atUTCSeconds: Int64(min(max(seconds, -Self.bound), Self.bound)))
    }

    /// The UTC offset in seconds (east positive) in force at `seconds` since the epoch.
    public func secondsFromGMT(atUTCSeconds seconds: Int64) -> Int {
        let seconds = Self.clamp(seconds)
        if let footer = table.footer, seconds > table.footerStart {
            return footer.offset(atUTCSeconds: seconds)
        }
        let index = table.transitions.partitioningIndex { $0 > seconds }
        return index == 0 ? table.initialOffset : table.offsets[index - 1]
    }

    /// The first instant strictly after `seconds` at which the UTC offset changes; nil when it
    /// never changes again (UTC, or a zone that has abolished daylight saving time).
    public func nextTransition(afterUTCSeconds seconds: Int64) -> Int64? {
        let seconds = Self.clamp(seconds)
        let index = table.transitions.partitioningIndex { $0 > seconds }
        if index < table.transitions.count { return table.transitions[index] }
        guard let footer = table.footer else { return nil }
        var from = max(seconds, table.footerStart)
        // Where the rule takes over from the table, its first change may repeat the table's
        // last offset; look on to the next. A few rounds suffice: rules repeat every year.
        for _ in 0..<4 {
            guard let candidate = footer.nextTransition(afterUTCSeconds: from) else { return nil }
            if secondsFromGMT(atUTCSeconds: candidate) != secondsFromGMT(atUTCSeconds: candidate - 1) {
                return candidate
            }
            from = candidate
        }
        return nil
    }

    /// About a billion years either side of 1970: far beyond any use, and small enough that
    /// calendar arithmetic on it cannot overflow.
    private static let bound: Double = 36_028_797_018_963_968 // 2^55

    private static func clamp(_ seconds: Int64) -> Int64 { min(max(seconds, -(1 << 55)), 1 << 55) }
}

extension Array where Element == Int64 {
    /// The index of the first element for which `isAfter` holds (binary search over a sorted
    /// array whose elements flip from false to true once); `count` if none.
    fileprivate func partitioningIndex(where isAfter: (Int64) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

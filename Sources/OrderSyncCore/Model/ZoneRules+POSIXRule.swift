extension ZoneRules {
    /// The POSIX TZ string at the end of a TZif v2+ file (`CET-1CEST,M3.5.0,M10.5.0/3`): the
    /// rule for every instant after the file's last transition, for any year. Debian may ship
    /// "slim" files whose table stops at the last rule change, so this must hold up to 2100 and
    /// beyond. Offsets are kept as UTC offsets east of Greenwich (`utoff`), the opposite sign of
    /// the POSIX spelling.
    struct POSIXRule: Sendable {
        /// A yearly date of a daylight saving time change.
        enum Day: Sendable, Equatable {
            /// `Jn`: day 1...365, February 29 never counted (so `J60` is always March 1).
            case julianNoLeap(Int)
            /// `n`: day 0...365 counted from January 1, February 29 included.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (5 = the last) of month `m`.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }

        /// One change of a year: the day, and the local wall-clock time of the change in the
        /// time in force before it (seconds; TZif v3 allows -167...167 hours).
        struct Change: Sendable, Equatable {
            var day: Day
            var time: Int
        }

        /// The offset outside daylight saving time.
        var standardOffset: Int
        /// The daylight saving time offset, start and end; nil when the zone keeps one offset.
        var daylight: (offset: Int, start: Change, end: Change)?

        /// The UTC offset at `seconds` since the epoch.
        func offset(atUTCSeconds seconds: Int64) -> Int {
            guard let daylight else { return standardOffset }
            // The change that last happened before `seconds` decides. Looking a year either side
            // covers changes whose time pushes them across New Year (`J365/25`, `M1.1.0/-3`).
            let year = CivilTime(utcSeconds: seconds + Int64(standardOffset)).year
            var latest = Int64.min
            var isDaylight = false
            forEachChange(in: year - 1...year + 1) { at, toDaylight in
                if at <= seconds, at >= latest { (latest, isDaylight) = (at, toDaylight) }
            }
            return isDaylight ? daylight.offset : standardOffset
        }

        /// The first instant strictly after `seconds` at which the offset changes, nil if never.
        func nextTransition(afterUTCSeconds seconds: Int64) -> Int64? {
            guard daylight != nil else { return nil }
            let year = CivilTime(utcSeconds: seconds + Int64(standardOffset)).year
            // Two full years of candidates: a rule whose offset does not change within them
            // (daylight saving time all year, `J1/0,J365/25`) never changes.
            var candidates: [Int64] = []
            forEachChange(in: year - 1...year + 2) { at, _ in
                if at > seconds { candidates.append(at) }
            }
            return candidates.sorted().first { offset(atUTCSeconds: $0) != offset(atUTCSeconds: $0 - 1) }
        }

        /// Calls `body` with the UTC instant of each change in `years` and whether it starts
        /// daylight saving time, in order of year, so that at equal instants the later year's
        /// change comes last and wins (`J365/25` ends the year as the next one begins). A
        /// closure rather than an array: `offset` runs per record, and should not allocate.
        private func forEachChange(in years: ClosedRange<Int>, _ body: (Int64, Bool) -> Void) {
            guard let daylight else { return }
            for year in years {
                // The start is given in standard time, the end in daylight saving time.
                body(Self.localSeconds(of: daylight.start, in: year) - Int64(standardOffset), true)
                body(Self.localSeconds(of: daylight.end, in: year) - Int64(daylight.offset), false)
            }
        }

        /// Local seconds since the epoch of a change in `year`.
        static func localSeconds(of change: Change, in year: Int) -> Int64 {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let januaryFirst = CivilTime(year: year, month: 1, day: 1).secondsIfUTC
            let dayOfYear: Int
            switch change.day {
            case .julianNoLeap(let n):
                dayOfYear = n - 1 + (leap && n >= 60 ? 1 : 0)
            case .zeroBased(let n):
                dayOfYear = n
            case .monthWeekDay(let month, let week, let weekday):
                let first = CivilTime(year: year, month: month, day: 1).secondsIfUTC
                let firstDay = first / 86_400
                // 1970-01-01 was a Thursday (4); the floor modulo copes with years before it.
                let firstWeekday = Int(((firstDay + 4) % 7 + 7) % 7)
                var day = 1 + (weekday - firstWeekday + 7) % 7 + 7 * (week - 1)
                let length = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31
                while day > length { day -= 7 }
                return first + Int64(day - 1) * 86_400 + Int64(change.time)
            }
            return januaryFirst + Int64(dayOfYear) * 86_400 + Int64(change.time)
        }
    }
}

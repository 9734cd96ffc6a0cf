/// The UTC offsets one time zone has had and will have, as half-open UTC intervals
/// (`timezone_offsets`): what lets SQL turn a UTC timestamp into the local date exactly,
/// across daylight saving time and rule changes, though SQLite knows no time zones.
///
/// The periods come from the system's tzdata (`ZoneRules`) for 1970 to 2100; the first
/// period reaches back and the last forward without bound, with the offset at either end.
struct TimeZoneOffsets: Equatable {
    struct Period: Equatable {
        /// `YYYY-MM-DDTHH:MM:SSZ`, inclusive.
        var validFrom: String
        /// `YYYY-MM-DDTHH:MM:SSZ`, exclusive.
        var validUntil: String
        var offsetSeconds: Int
    }

    static let beginning = "0000-01-01T00:00:00Z"
    static let end = "9999-12-31T23:59:59Z"
    private static let firstInstant: Int64 = 0
    /// 2100-01-01T00:00:00Z.
    private static let lastInstant: Int64 = 4_102_444_800

    let timezone: String
    let periods: [Period]

    static let utc = TimeZoneOffsets(
        timezone: "UTC", periods: [Period(validFrom: beginning, validUntil: end, offsetSeconds: 0)])

    init(timezone: String, periods: [Period]) {
        self.timezone = timezone
        self.periods = periods
    }

    init(_ zone: ZoneRules) {
        var periods: [Period] = []
        var from = Self.beginning
        var offset = zone.secondsFromGMT(atUTCSeconds: Self.firstInstant)
        var cursor = Self.firstInstant
        while let transition = zone.nextTransition(afterUTCSeconds: cursor), transition < Self.lastInstant {
            let next = zone.secondsFromGMT(atUTCSeconds: transition)
            if next != offset {
                let at = Instant(secondsSinceEpoch: transition).iso8601
                periods.append(Period(validFrom: from, validUntil: at, offsetSeconds: offset))
                from = at
                offset = next
            }
            cursor = transition
        }
        periods.append(Period(validFrom: from, validUntil: Self.end, offsetSeconds: offset))
        self.init(timezone: zone.identifier, periods: periods)
    }
}

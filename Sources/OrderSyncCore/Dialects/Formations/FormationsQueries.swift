import FoundationEssentials

/// The `filter[...]` parameters of `GET /orders`, spelled the source's way.
///
/// The doc's table says `filter[...]`, its example line `filters[...]`; the server answers the
/// second spelling with an unfiltered list, so the prefix is a per-source option
/// (`options.filter_param`) for a provider that really spells it differently.
struct FormationsQueries: Sendable, Equatable {
    /// The name before the brackets: `filter` gives `filter[createdFrom]`.
    let prefix: String

    func name(_ filter: String) -> String { "\(prefix)[\(filter)]" }

    /// Orders created on the days the window touches (the filter takes `Ymd`, both inclusive).
    func created(_ bounds: WindowBounds) -> [URLQueryItem] {
        created(from: bounds.firstDay, to: bounds.lastDay)
    }

    func created(from first: CivilTime, to last: CivilTime) -> [URLQueryItem] {
        [URLQueryItem(name: name("createdFrom"), value: first.compactDateText),
         URLQueryItem(name: name("createdTo"), value: last.compactDateText)]
    }

    /// Orders invoiced on the days the window touches.
    func invoiced(_ bounds: WindowBounds) -> [URLQueryItem] {
        [URLQueryItem(name: name("invoicedFrom"), value: bounds.firstDay.compactDateText),
         URLQueryItem(name: name("invoicedTo"), value: bounds.lastDay.compactDateText)]
    }

    /// Orders in any of `codes`, as one CSV filter.
    func statuses(_ codes: [String]) -> [URLQueryItem] {
        [URLQueryItem(name: name("statuses"), value: codes.joined(separator: ","))]
    }

    /// How the orders the database holds as open, but the open list no longer shows, are read
    /// again. There is no single-order endpoint, and a leaver may have moved to any code (a
    /// terminal one, or one the status map does not know), so the query filters on the day
    /// the order was created and not on its status: one query per run of consecutive creation
    /// days (in the source's time zone). Every order of those days comes back; the unchanged
    /// ones are skipped by their list fingerprint, so the cost is the list pages.
    func leaverQueries(_ leavers: [KnownOrder], timeZone: ZoneRules) -> [[URLQueryItem]] {
        guard !leavers.isEmpty else { return [] }
        // Never happens with this mapping (`created_at` is required), but an order without a
        // creation day can only be found in the whole list.
        if leavers.contains(where: { $0.orderedAt == nil }) { return [[]] }
        return Self.dayRuns(leavers.compactMap { $0.orderedAt?.civilTime(in: timeZone) })
            .map { created(from: $0.first, to: $0.last) }
    }

    /// The distinct calendar days of `times`, sorted and merged into runs of consecutive days.
    static func dayRuns(_ times: [CivilTime]) -> [(first: CivilTime, last: CivilTime)] {
        let days = Set(times.map { CivilTime(year: $0.year, month: $0.month, day: $0.day).secondsIfUTC / 86_400 }).sorted()
        var runs: [(first: Int64, last: Int64)] = []
        for day in days {
            if let last = runs.last?.last, day == last + 1 {
                runs[runs.count - 1].last = day
            } else {
                runs.append((day, day))
            }
        }
        return runs.map { (CivilTime(utcSeconds: $0.first * 86_400), CivilTime(utcSeconds: $0.last * 86_400)) }
    }
}

import FoundationEssentials

/// How far a backfill got, read from its checkpoint (the `backfill` stream in `sync_state`):
/// for progress lines and `status`, without hooks inside the walker.
public struct BackfillPosition: Sendable, Equatable {
    public var since: String
    public var until: String?
    /// Date windows (`slice_days` each) finished, and in the whole range.
    public var windowsDone: Int
    public var windowsTotal: Int
    /// Where the next page of the current window (or scan) starts.
    public var position: PagePosition
    public var completed: Bool
    /// The range as instants: its start, where the window in progress starts (everything
    /// before is loaded), and its end (exclusive).
    public var rangeStart: Instant
    public var sliceFrom: Instant
    public var windowTo: Instant

    /// Parses a `backfill` cursor; nil when there is none or it is not a backfill position.
    public init?(cursor: String?, sliceDays: Int, timezone: ZoneRules) {
        guard let saved = try? Checkpoints.decode(Checkpoints.Backfill.self, from: cursor, source: "", stream: "backfill"),
              let start = try? TimestampParser.parseDate(saved.since).instant(in: timezone)
        else { return nil }
        let slice = Int64(max(1, sliceDays)) * 86_400
        let span = max(0, saved.windowTo.secondsSinceEpoch - start.secondsSinceEpoch)
        since = saved.since
        until = saved.until
        windowsTotal = max(1, Int((span + slice - 1) / slice))
        let reached = saved.sliceFrom.secondsSinceEpoch - start.secondsSinceEpoch
        completed = saved.completedAt != nil
        windowsDone = completed ? windowsTotal : min(windowsTotal, max(0, Int(reached / slice)))
        position = saved.position
        (rangeStart, sliceFrom, windowTo) = (start, saved.sliceFrom, saved.windowTo)
    }

    /// The page number, when the position is one (nil for a cursor or next link).
    public var page: Int? {
        if case .page(let number) = position { return number }
        return nil
    }

    /// `window 3 of 12, page 4`, or `complete`.
    public var summary: String {
        completed ? "complete (\(windowsTotal) window(s))" : "window \(min(windowsDone + 1, windowsTotal)) of \(windowsTotal), \(position)"
    }
}

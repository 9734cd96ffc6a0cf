/// How one poll or backfill of a source ended, as recorded in `sync_runs`.
public struct RunReport: Sendable, Equatable {
    public var runID: Int64
    public var outcome: OrderStore.RunOutcome
    public var requests: Int
    public var written: PageWriteSummary
    public var error: String?

    public var succeeded: Bool { outcome == .ok }
}

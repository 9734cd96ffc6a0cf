/// What one `verify` of a source found (and, with repair, what is left).
public struct VerifyReport: Sendable {
    /// The differences found in one window of the walk (a date slice, the whole scan, or the
    /// orders without a date).
    public struct Window: Sendable, Equatable {
        public var label: String
        public var missingHere: [String] = []
        public var goneUpstream: [String] = []
        public var statusDiffers: [String] = []

        public var count: Int { missingHere.count + goneUpstream.count + statusDiffers.count }
    }

    public var source: String
    /// The `sync_runs` row of the pass: outcome, requests, error.
    public var run: RunReport
    /// Orders the upstream lists now, and orders the database holds as live.
    public var upstreamOrders = 0
    public var storedOrders = 0
    /// Windows with at least one difference, in walk order.
    public var windows: [Window] = []
    public var repaired = false
    /// Differences a repair could not settle (a record refused or deferred), by order id.
    public var unresolved: [String] = []
    /// Stored orders the lists no longer show whose lookup by id failed: not known to be gone,
    /// not known to be there. They keep the pass from calling the database equal.
    public var unverified: [String] = []

    public init(source: String, run: RunReport) {
        self.source = source
        self.run = run
    }

    public var missingHere: Int { windows.reduce(0) { $0 + $1.missingHere.count } }
    public var goneUpstream: Int { windows.reduce(0) { $0 + $1.goneUpstream.count } }
    public var statusDiffers: Int { windows.reduce(0) { $0 + $1.statusDiffers.count } }
    public var differences: Int { missingHere + goneUpstream + statusDiffers }

    /// True when the pass completed and the database equals the upstream: no difference, or
    /// every difference repaired.
    public var isEqual: Bool {
        run.outcome == .ok && unverified.isEmpty && (repaired ? unresolved.isEmpty : differences == 0)
    }
}

/// What `ordersync status` reports for one source, read from the database alone.
public struct SourceStatus: Sendable, Equatable {
    public struct Stream: Sendable, Equatable {
        public var name: String
        public var cursor: String?
        public var updatedAt: String?
    }

    public struct Run: Sendable, Equatable {
        public var runID: Int64
        public var kind: String
        public var startedAt: String
        public var finishedAt: String?
        /// Nil while the run is still going.
        public var outcome: String?
        public var requests: Int?
        public var ordersUpserted: Int?
        public var error: String?
    }

    public var source: String
    public var dialect: String?
    public var firstSyncedAt: String?
    public var streams: [Stream] = []
    public var lastRun: Run?
    /// The last `verify` pass (the command, or the daemon's own).
    public var lastVerify: Run?
    /// The end of the last successful poll (other kinds of runs do not count).
    public var lastSuccessAt: String?
    public var lastError: String?
    /// Failed polls since the last successful one (among the last 50 runs).
    public var consecutiveFailures = 0
    public var orders = 0
    public var openOrders = 0
    public var lines = 0
    public var invoices = 0
    public var rejectedRecords = 0
    /// Records whose detail failed for a passing reason, retried first by the next run.
    public var deferredRecords = 0
    /// Orders flagged `deleted_upstream_at` (kept, never deleted).
    public var deletedUpstream = 0
    /// Orders whose status the mapping does not know, by raw value.
    public var unknownStatuses: [String: Int] = [:]

    public init(source: String) {
        self.source = source
    }
}

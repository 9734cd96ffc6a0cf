/// Everything one page of upstream results turns into, written in one transaction so that a
/// crash between pages loses nothing and duplicates nothing.
public struct PageBatch: Sendable {
    /// An order with the fingerprint of the list item it came from (see `Fingerprint`).
    public struct Order: Sendable {
        public var order: CanonicalOrder
        public var listDigest: String?

        public init(_ order: CanonicalOrder, listDigest: String?) {
            self.order = order
            self.listDigest = listDigest
        }
    }

    /// A stream's position, written with the records it covers.
    public struct Checkpoint: Sendable, Equatable {
        public var stream: String
        public var cursor: String

        public init(stream: String, cursor: String) {
            self.stream = stream
            self.cursor = cursor
        }
    }

    /// An order whose detail answered 404/410: the upstream no longer has it.
    public struct Gone: Sendable, Equatable {
        public var orderID: String
        public var stream: String
        public var reason: String
        /// The list item (or `{"id": …}`), kept as a rejected record when the order was never stored.
        public var raw: String

        public init(orderID: String, stream: String, reason: String, raw: String) {
            self.orderID = orderID
            self.stream = stream
            self.reason = reason
            self.raw = raw
        }
    }

    public var source: String
    /// The stream the records came from (it labels rejected records).
    public var stream: String
    public var orders: [Order] = []
    public var invoices: [CanonicalInvoice] = []
    public var rejected: [RejectedRecord] = []
    /// Records to retry on the next run (see `DeferredRecord`).
    public var deferred: [DeferredRecord] = []
    /// Orders the upstream answered 404/410 for: flagged `deleted_upstream_at`.
    public var gone: [Gone] = []
    /// Order ids whose deferred record this batch settles (stored, rejected or deferred anew).
    public var settledDeferrals: [String] = []
    /// The new checkpoint, covering exactly what this batch holds; nil leaves every cursor.
    /// Its stream may differ from `stream`: a backfill reads the orders stream but has a
    /// position of its own.
    public var checkpoint: Checkpoint?
    /// The time the batch is written, stamped on every row it touches.
    public var writtenAt: Instant

    public init(source: String, stream: String, writtenAt: Instant = .now()) {
        self.source = source
        self.stream = stream
        self.writtenAt = writtenAt
    }

    public var isEmpty: Bool {
        orders.isEmpty && invoices.isEmpty && rejected.isEmpty && deferred.isEmpty && gone.isEmpty && checkpoint == nil
    }
}

/// What writing a batch changed.
public struct PageWriteSummary: Sendable, Equatable {
    public var ordersUpserted = 0
    public var ordersInserted = 0
    public var statusChanges = 0
    public var invoicesUpserted = 0
    public var rejected = 0
    public var deferred = 0
    /// Stored orders newly flagged `deleted_upstream_at` because their detail answered 404/410.
    public var goneUpstream = 0

    public init() {}

    public static func += (lhs: inout PageWriteSummary, rhs: PageWriteSummary) {
        lhs.ordersUpserted += rhs.ordersUpserted
        lhs.ordersInserted += rhs.ordersInserted
        lhs.statusChanges += rhs.statusChanges
        lhs.invoicesUpserted += rhs.invoicesUpserted
        lhs.rejected += rhs.rejected
        lhs.deferred += rhs.deferred
        lhs.goneUpstream += rhs.goneUpstream
    }
}

import FoundationEssentials

/// What makes a dialect's data its own: statuses, how an order and a line
/// are generated, how a status change shows, and what the daemon should
/// store. Generation and mutation are shared (`DataGenerator`, `Mutator`).
@_spi(SimulatedDialects) public protocol DialectBehavior: SendableMetatype {
    static var dialect: SimDialect { get }
    /// The first generated id.
    static var firstID: Int { get }
    /// The raw statuses, each of which appears in every generated data set.
    static var statuses: [String] { get }
    /// Relative frequency of each status in `statuses`.
    static var statusWeights: [Int] { get }
    /// The status a newly placed order starts in.
    static var initialStatus: String { get }
    /// Statuses after which an order no longer changes, as the provider contract says.
    static var terminalStatuses: Set<String> { get }
    /// The few moves out of a terminal status a real upstream makes (completed → refunded).
    static var terminalTransitions: [String: [String]] { get }
    /// Whether the order can still change (a requirement, so a dialect's own rule is used).
    static func isOpen(_ order: OrderRecord) -> Bool

    /// A new order with its lines; totals are derived by the store.
    static func makeOrder(id: Int, placedAt: Int64, status: String, now: Int64,
                          state: inout DialectState, rng: inout SplitMix64) -> OrderRecord
    /// A new line priced in `currency`.
    static func makeLine(id: Int, currency: String, rng: inout SplitMix64) -> LineRecord
    /// Sets `status` and whatever follows from it (dates, paid flags) as of `now`.
    static func apply(status: String, to order: inout OrderRecord, now: Int64, rng: inout SplitMix64)
    /// What the daemon should end up storing for this order.
    static func snapshot(_ order: OrderRecord) -> SimOrder
    /// Raw status → the canonical status a client maps it to (the provider's documented table,
    /// or the status map the simulator suggests); absent: `unknown`.
    static var canonicalStatuses: [String: String] { get }
    /// Sets `grossMinor`, `netMinor` and `taxMinor` from the lines, so that the
    /// lines always sum exactly to the totals the way this dialect's contract says.
    static func recompute(_ order: inout OrderRecord)
    /// Relative weights of a new order, a status change, a line edit and a new
    /// invoice in `Mutator.mutate`.
    static var mutationWeights: [Int] { get }
}

extension DialectBehavior {
    @_spi(SimulatedDialects) public static var terminalTransitions: [String: [String]] { [:] }
    @_spi(SimulatedDialects) public static var mutationWeights: [Int] { [3, 4, 3, 0] }

    /// Whether the order can still change: users edit and move open orders, never closed ones.
    @_spi(SimulatedDialects) public static func isOpen(_ order: OrderRecord) -> Bool {
        !terminalStatuses.contains(order.status)
    }

    /// The statuses `order` may move to next.
    static func nextStatuses(of order: OrderRecord) -> [String] {
        isOpen(order) ? statuses.filter { $0 != order.status } : terminalTransitions[order.status] ?? []
    }

    /// The canonical status `raw` should be stored as.
    @_spi(SimulatedDialects) public static func canonicalStatus(_ raw: String) -> String {
        canonicalStatuses[raw] ?? "unknown"
    }

    /// Whole seconds of a microsecond update time, as a date.
    @_spi(SimulatedDialects) public static func seconds(micro: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(CivilTime.floorDiv(micro, 1_000_000)))
    }

    static func date(_ seconds: Int64?) -> Date? {
        seconds.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// One to five lines with fresh ids.
    @_spi(SimulatedDialects) public static func makeLines(currency: String, state: inout DialectState, rng: inout SplitMix64) -> [LineRecord] {
        (0..<rng.int(1...5)).map { _ in makeLine(id: state.takeLineID(), currency: currency, rng: &rng) }
    }

    /// A timestamp between `from` and `from + maxSeconds`, never after `now`.
    @_spi(SimulatedDialects) public static func later(_ from: Int64, within maxSeconds: Int64, now: Int64, _ rng: inout SplitMix64) -> Int64 {
        guard now > from else { return from }
        return from + rng.int64(0...min(maxSeconds, now - from))
    }
}

/// Everything one dialect serves: its orders plus the counters that hand
/// out new ids, and the generator that drives its mutations.
@_spi(SimulatedDialects) public struct DialectState: Sendable {
    @_spi(SimulatedDialects) public var store: OrderStore
    var nextLineID: Int
    var nextInvoiceID: Int = 9_001
    var nextFileID: Int = 70_001
    /// The last human order number handed out (lifecycle, mobility).
    var lastNumber: Int = 0
    /// Named sequences, e.g. erp refs per month (`CO2405` → 18).
    @_spi(SimulatedDialects) public var counters: [String: Int] = [:]
    /// Drives `mutate`, separate from the data stream so mutations are
    /// reproducible without disturbing generation.
    var mutationRNG: SplitMix64
    /// Picks the orders `/_sim/mutate?delete=N` removes; its own stream, so
    /// deletions never change what later mutations do.
    var deletionRNG: SplitMix64
    /// Session tokens, for dialects that authenticate with a login.
    var sessions: SessionTokens

    /// A fresh line id.
    @_spi(SimulatedDialects) public mutating func takeLineID() -> Int {
        defer { nextLineID += 1 }
        return nextLineID
    }

    mutating func takeInvoiceID() -> (invoice: Int, file: Int) {
        defer {
            nextInvoiceID += 1
            nextFileID += 1
        }
        return (nextInvoiceID, nextFileID)
    }

    /// A fresh human number a little above the last.
    mutating func takeNumber(_ rng: inout SplitMix64) -> Int {
        lastNumber += rng.int(1...40)
        return lastNumber
    }
}

/// The orders of one dialect, kept in ascending id order, with sorted views
/// cached until the next change so list requests do not re-sort 100,000
/// orders every time.
@_spi(SimulatedDialects) public struct OrderStore: Sendable {
    /// The dialect's `recompute`: derives an order's totals from its lines.
    let pricing: @Sendable (inout OrderRecord) -> Void
    @_spi(SimulatedDialects) public private(set) var orders: [OrderRecord]
    private var positionByID: [Int: Int]
    private var sortCache: [String: [Int]] = [:]
    /// The highest id ever held, so a deleted order's id is never handed out again.
    private var highestID: Int

    init(pricing: @escaping @Sendable (inout OrderRecord) -> Void, orders: [OrderRecord]) {
        self.pricing = pricing
        self.orders = orders.sorted { $0.id < $1.id }
        self.positionByID = Dictionary(uniqueKeysWithValues: self.orders.enumerated().map { ($1.id, $0) })
        self.highestID = self.orders.last?.id ?? 0
    }

    var count: Int { orders.count }

    /// The id a new order gets: a little above the highest one.
    func nextID(gap: Int) -> Int {
        max(orders.last?.id ?? 0, highestID) + max(1, gap)
    }

    @_spi(SimulatedDialects) public func order(id: Int) -> OrderRecord? {
        positionByID[id].map { orders[$0] }
    }

    /// Adds an order with an id above all others.
    mutating func append(_ order: OrderRecord) {
        var order = order
        pricing(&order)
        highestID = max(highestID, order.id)
        positionByID[order.id] = orders.count
        orders.append(order)
        sortCache.removeAll()
    }

    /// Changes one order in place and re-derives its totals; false when unknown.
    @discardableResult
    mutating func update(id: Int, _ change: (inout OrderRecord) -> Void) -> Bool {
        guard let position = positionByID[id] else { return false }
        change(&orders[position])
        pricing(&orders[position])
        sortCache.removeAll()
        return true
    }

    /// Removes one order, as a deletion upstream does; false when unknown.
    @discardableResult
    mutating func remove(id: Int) -> Bool {
        guard let position = positionByID[id] else { return false }
        orders.remove(at: position)
        positionByID[id] = nil
        // Only the orders after it moved.
        for index in position..<orders.count { positionByID[orders[index].id] = index }
        sortCache.removeAll()
        return true
    }

    /// The positions, in order (reversed when `descending`), of the orders
    /// `keep` accepts; all of them when there is no filter. Reads through a
    /// buffer so a scan of 100,000 orders never copies a record.
    func select(_ positions: [Int], descending: Bool = false, filtered: Bool,
                where keep: (borrowing OrderRecord) -> Bool) -> [Int] {
        let ordered = descending ? Array(positions.reversed()) : positions
        guard filtered else { return ordered }
        return orders.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return [] }
            return ordered.filter { keep((base + $0).pointee) }
        }
    }

    /// Positions of the orders sorted ascending by `key` (ties by id), cached
    /// per key until the next change. Reverse it for descending order.
    mutating func sortedPositions(key: String, by less: (OrderRecord, OrderRecord) -> Bool) -> [Int] {
        if let cached = sortCache[key] { return cached }
        let positions = orders.indices.sorted { a, b in
            let left = orders[a], right = orders[b]
            if less(left, right) { return true }
            if less(right, left) { return false }
            return left.id < right.id
        }
        sortCache[key] = positions
        return positions
    }
}

/// Builds the deterministic starting data set of a dialect.
///
/// Placement times are drawn uniformly in the history window and sorted, so
/// ids grow with time as they do upstream. Every status is forced onto a few
/// evenly spread orders so each one is always present.
enum DataGenerator {
    static func generate<D: SimulatedDialect>(_ behavior: D.Type, configuration: SimulatorConfiguration) -> DialectState {
        var rng = SplitMix64(seed: configuration.seed, stream: "data-\(D.dialect.rawValue)")
        let now = configuration.nowSeconds
        // One day of margin keeps erp's midnight `date_order` inside the window.
        let span = max(Int64(configuration.historyDays) * CivilTime.day - CivilTime.day, 3_600)
        let start = now - span
        let count = max(0, configuration.ordersPerDialect)
        let times = (0..<count).map { _ in rng.int64(start...now) }.sorted()
        let forced = forcedStatuses(D.statuses, count: count)
        let name = D.dialect.rawValue
        var state = DialectState(store: OrderStore(pricing: { D.recompute(&$0) }, orders: []), nextLineID: 1_001,
                                 mutationRNG: SplitMix64(seed: configuration.seed, stream: "mutate-\(name)"),
                                 deletionRNG: SplitMix64(seed: configuration.seed, stream: "delete-\(name)"),
                                 sessions: SessionTokens(seed: configuration.seed, stream: "\(name)-tokens",
                                                         ttl: D.sessionLifetime(configuration)))
        var id = D.firstID
        for (index, placedAt) in times.enumerated() {
            let status = forced[index] ?? D.statuses[rng.weighted(D.statusWeights)]
            let order = D.makeOrder(id: id, placedAt: placedAt, status: status, now: now, state: &state, rng: &rng)
            state.store.append(order)
            id += rng.int(1...3)
        }
        return state
    }

    /// Three evenly spread positions per status (fewer when there are few orders).
    private static func forcedStatuses(_ statuses: [String], count: Int) -> [Int: String] {
        guard count > 0 else { return [:] }
        let copies = max(1, min(3, count / max(1, statuses.count)))
        let slots = statuses.count * copies
        var forced: [Int: String] = [:]
        for slot in 0..<slots {
            let position = slot * count / slots
            forced[position] = statuses[slot % statuses.count]
        }
        return forced
    }
}

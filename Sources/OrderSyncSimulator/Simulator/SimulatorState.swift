import FoundationEssentials

/// Everything mutable about a running simulator, guarded by one lock.
struct SimulatorState: Sendable {
    var dialects: [SimDialect: DialectState]
    var faults: [SimFault] = []
    var stats = SimStats()
    /// Rotates bad records through their kinds.
    var badRecordCount = 0
    /// Draws the hits of rate faults.
    var faultRNG: SplitMix64

    init(configuration: SimulatorConfiguration) {
        var dialects: [SimDialect: DialectState] = [:]
        for api in SimulatedDialects.all {
            dialects[api.dialect] = DataGenerator.generate(api, configuration: configuration)
        }
        self.dialects = dialects
        self.faultRNG = SplitMix64(seed: configuration.seed, stream: "faults")
        for dialect in SimDialect.allCases { stats.requests[dialect] = 0 }
    }

    /// Takes one hit of the first queued fault that matches (and, for a rate
    /// fault, draws a hit), dropping it when used up.
    mutating func takeFault(dialect: SimDialect, path: String, isList: Bool) -> SimFault.Kind? {
        for index in faults.indices {
            let fault = faults[index]
            guard (fault.dialect == nil || fault.dialect == dialect)
                    && (fault.pathPrefix.map { path.hasPrefix($0) } ?? true)
                    && (fault.kind != .badRecord || isList) else { continue }
            if let rate = fault.rate, !draw(rate) { continue }
            faults[index].count -= 1
            if faults[index].count <= 0 { faults.remove(at: index) }
            stats.faults[fault.kind.name, default: 0] += 1
            return fault.kind
        }
        return nil
    }

    /// True with probability `rate`.
    private mutating func draw(_ rate: Double) -> Bool {
        Double(faultRNG.next() >> 11) / Double(UInt64(1) << 53) < rate
    }

    /// The next bad record in the rotation.
    mutating func nextBadRecord() -> BadRecord {
        defer { badRecordCount += 1 }
        let kind = BadRecord.Kind.allCases[badRecordCount % BadRecord.Kind.allCases.count]
        return BadRecord(kind: kind, fakeID: 900_000_001 + badRecordCount)
    }
}

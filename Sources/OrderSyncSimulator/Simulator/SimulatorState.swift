import Foundation

/// Everything mutable about a running simulator, guarded by one lock.
struct SimulatorState: Sendable {
    var dialects: [SimDialect: DialectState]
    var faults: [SimFault] = []
    var stats = SimStats()
    var sessions: ResellerSessions
    /// Rotates bad records through their kinds.
    var badRecordCount = 0

    init(configuration: SimulatorConfiguration) {
        var dialects: [SimDialect: DialectState] = [:]
        for dialect in SimDialect.allCases {
            dialects[dialect] = DataGenerator.generate(dialect.api, configuration: configuration)
        }
        self.dialects = dialects
        self.sessions = ResellerSessions(seed: configuration.seed, ttl: configuration.resellerTokenTTL)
        for dialect in SimDialect.allCases { stats.requests[dialect] = 0 }
    }

    /// Takes one hit of the first queued fault that matches, dropping it when used up.
    mutating func takeFault(dialect: SimDialect, path: String, isList: Bool) -> SimFault.Kind? {
        guard let index = faults.firstIndex(where: { fault in
            (fault.dialect == nil || fault.dialect == dialect)
                && (fault.pathPrefix.map { path.hasPrefix($0) } ?? true)
                && (fault.kind != .badRecord || isList)
        }) else { return nil }
        let kind = faults[index].kind
        faults[index].count -= 1
        if faults[index].count <= 0 { faults.remove(at: index) }
        stats.faults[kind.name, default: 0] += 1
        return kind
    }

    /// The next bad record in the rotation.
    mutating func nextBadRecord() -> BadRecord {
        defer { badRecordCount += 1 }
        let kind = BadRecord.Kind.allCases[badRecordCount % BadRecord.Kind.allCases.count]
        return BadRecord(kind: kind, fakeID: 900_000_001 + badRecordCount)
    }
}

extension SimDialect {
    /// The implementation of this dialect.
    var api: any DialectAPI.Type {
        switch self {
        case .mobility: return MobilityDialect.self
        case .reseller: return ResellerDialect.self
        case .erp: return ErpDialect.self
        case .formations: return FormationsDialect.self
        case .lifecycle: return LifecycleDialect.self
        }
    }
}

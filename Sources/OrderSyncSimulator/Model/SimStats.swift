/// Counters of what the simulator has served since it was created.
public struct SimStats: Sendable, Equatable {
    /// Requests per dialect, faulted ones included.
    public var requests: [SimDialect: Int]
    /// Requests hit by a fault, per `SimFault.Kind.name` (e.g. `status_429`).
    public var faults: [String: Int]
    /// Requests to the `/_sim/...` control endpoints.
    public var controlRequests: Int

    public init(requests: [SimDialect: Int] = [:], faults: [String: Int] = [:], controlRequests: Int = 0) {
        self.requests = requests
        self.faults = faults
        self.controlRequests = controlRequests
    }

    /// All dialect requests together.
    public var totalRequests: Int {
        requests.values.reduce(0, +)
    }
}

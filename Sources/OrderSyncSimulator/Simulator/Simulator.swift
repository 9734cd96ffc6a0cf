import FoundationEssentials
import Glibc
import PlatformSupport

/// The built-in upstream: all five dialects on one loopback port, with
/// deterministic data, mutations and injectable faults.
///
/// Thread-safe: one lock guards the data, faults and counters; requests are
/// served on the HTTP server's own threads.
public final class Simulator: Sendable {
    public let configuration: SimulatorConfiguration
    let state: LockedBox<SimulatorState>
    private let server = LockedBox<HTTPServer?>(nil)

    /// Generates the data set; nothing listens until `start()`.
    public init(configuration: SimulatorConfiguration = SimulatorConfiguration()) {
        self.configuration = configuration
        self.state = LockedBox(SimulatorState(configuration: configuration))
    }

    /// Binds `configuration.host:port` and serves on background threads.
    /// Throws when already started or when the address cannot be bound.
    public func start() throws {
        try server.withValue { server in
            guard server == nil else {
                throw Socket.Failure(call: "Simulator.start (already started; call stop() first)", code: EALREADY)
            }
            let http = HTTPServer(host: configuration.host, port: configuration.port) { [weak self] request in
                guard let self else { return .respond(.text(status: 503, "simulator is gone")) }
                return self.respond(to: request)
            }
            try http.start()
            server = http
        }
    }

    /// The bound port (0 before `start()`).
    public var port: UInt16 {
        server.withValue { $0?.port ?? 0 }
    }

    /// `http://HOST:PORT/<dialect>`, the base URL a source of that dialect uses.
    public func baseURL(for dialect: SimDialect) -> String {
        "http://\(configuration.host):\(port)/\(dialect.rawValue)"
    }

    /// Closes every connection and joins the server threads. Data is kept,
    /// and `start()` may be called again.
    public func stop() {
        let http = server.withValue { server -> HTTPServer? in
            defer { server = nil }
            return server
        }
        http?.stop()
    }

    /// The orders of a dialect as the daemon should end up storing them, by id.
    public func snapshot(of dialect: SimDialect) -> [SimOrder] {
        state.withValue { state in
            guard let orders = state.dialects[dialect]?.store.orders else { return [] }
            return orders.map { dialect.api.snapshot($0) }
        }
    }

    /// Applies `count` random changes (new orders, status changes, line edits;
    /// mobility also new invoices) stamped with the real current time.
    public func mutate(_ dialect: SimDialect, count: Int) {
        let nowMicro = Self.nowMicro()
        state.withValue { state in
            Mutator.mutate(dialect.api, state: &state.dialects[dialect]!, count: count, nowMicro: nowMicro)
        }
    }

    /// Removes `count` orders of a dialect picked at random (deterministic for
    /// the seed), as a deletion upstream does: they leave every list and their
    /// detail answers 404 in the dialect's error shape. Returns their ids.
    @discardableResult
    public func delete(_ dialect: SimDialect, count: Int) -> [String] {
        state.withValue { state in
            Mutator.delete(state: &state.dialects[dialect]!, count: count).map(String.init)
        }
    }

    /// Removes the orders with these ids; returns the ids it removed (unknown ones are skipped).
    @discardableResult
    public func delete(_ dialect: SimDialect, ids: [String]) -> [String] {
        state.withValue { state in
            ids.filter { id in Int(id).map { state.dialects[dialect]!.store.remove(id: $0) } ?? false }
        }
    }

    /// The ids and raw statuses the upstream holds now, by ascending id: what
    /// a verify of the database compares against.
    public func upstreamOrders(of dialect: SimDialect) -> [(id: String, statusRaw: String)] {
        state.withValue { state in
            (state.dialects[dialect]?.store.orders ?? []).map { order in
                let snapshot = dialect.api.snapshot(order)
                return (snapshot.id, snapshot.statusRaw)
            }
        }
    }

    /// Queues a fault for the next matching requests.
    public func inject(_ fault: SimFault) {
        guard fault.count > 0 else { return }
        state.withValue { $0.faults.append(fault) }
    }

    /// Queues several faults, in order (e.g. `SimFault.mix(rate:)`).
    public func inject(_ faults: [SimFault]) {
        for fault in faults { inject(fault) }
    }

    /// Drops every queued fault.
    public func clearFaults() {
        state.withValue { $0.faults.removeAll() }
    }

    /// Requests served per dialect and per fault kind so far.
    public func stats() -> SimStats {
        state.withValue { $0.stats }
    }

    static func nowMicro() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down))
    }
}

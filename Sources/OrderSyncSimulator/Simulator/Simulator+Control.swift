/// Operator endpoints under `/_sim` (no auth): health, stats, mutations and
/// faults, so a benchmark or a shell can steer a running simulator.
extension Simulator {
    func control(_ request: HTTPRequest) -> ServerAction {
        state.withLock { $0.stats.controlRequests += 1 }
        let ok = { (value: JSONValue) in ServerAction.respond(.json(body: value.bytes)) }
        func bad(_ message: String) -> ServerAction {
            .respond(.json(status: 400, body: JSONValue.obj(["error": .string("bad_request"),
                                                             "message": .string(message)]).bytes))
        }
        switch (request.method, request.path) {
        case ("GET", "/_sim/health"):
            return ok(.obj(["status": .string("ok"), "port": .int(port),
                            "dialects": .array(SimDialect.allCases.map { .string($0.rawValue) })]))
        case ("GET", "/_sim/stats"):
            return ok(statsJSON())
        case ("POST", "/_sim/mutate"):
            let count = Int(request.query("count") ?? "1") ?? -1
            guard count >= 0 else { return bad("count must be a non-negative integer") }
            let name = request.query("dialect") ?? "all"
            let targets = name == "all" ? SimDialect.allCases : SimDialect(rawValue: name).map { [$0] } ?? []
            guard !targets.isEmpty else { return bad("dialect must be one of \(Self.dialectNames) or all, got `\(name)`") }
            for dialect in targets { mutate(dialect, count: count) }
            return ok(.obj(["mutated": .int(count), "dialects": .array(targets.map { .string($0.rawValue) })]))
        case ("POST", "/_sim/fault"):
            do {
                let fault = try Self.fault(from: request)
                inject(fault)
                return ok(.obj(["queued": .string(fault.kind.name), "count": .int(fault.count)]))
            } catch {
                return bad(error.message)
            }
        case ("POST", "/_sim/faults/clear"):
            clearFaults()
            return ok(.obj(["cleared": .bool(true)]))
        default:
            return .respond(notFound(request))
        }
    }

    private static var dialectNames: String {
        SimDialect.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// Reads `dialect`, `path`, `kind`, `count` and the kind's own parameters.
    static func fault(from request: HTTPRequest) throws(DialectError) -> SimFault {
        var dialect: SimDialect?
        if let name = request.query("dialect"), name != "all", !name.isEmpty {
            guard let known = SimDialect(rawValue: name) else {
                throw .badRequest("dialect must be one of \(dialectNames), got `\(name)`")
            }
            dialect = known
        }
        let count = Int(request.query("count") ?? "1") ?? 0
        guard count >= 1 else { throw .badRequest("count must be a positive integer") }
        let kind: SimFault.Kind
        switch request.query("kind") ?? "" {
        case "status":
            guard let status = request.query("status").flatMap({ Int($0) }), (100...599).contains(status) else {
                throw .badRequest("kind=status needs status=<100-599>, e.g. status=429")
            }
            kind = .status(status, retryAfter: request.query("retry_after"))
        case "delay":
            guard let ms = request.query("ms").flatMap({ Int($0) }), ms >= 0 else {
                throw .badRequest("kind=delay needs ms=<milliseconds>")
            }
            kind = .delay(milliseconds: ms)
        case "reset": kind = .reset
        case "truncated": kind = .truncatedBody
        case "garbage": kind = .garbage
        case "bad_record": kind = .badRecord
        case "unsuccessful": kind = .unsuccessful(message: request.query("message") ?? "simulated failure")
        case let other:
            throw .badRequest("kind must be status, delay, reset, truncated, garbage, bad_record or unsuccessful, got `\(other)`")
        }
        return SimFault(dialect: dialect, pathPrefix: request.query("path"), kind: kind, count: count)
    }

    private func statsJSON() -> JSONValue {
        let (stats, orders, pending) = state.withLock { state in
            (state.stats, SimDialect.allCases.map { ($0, state.dialects[$0]?.store.count ?? 0) }, state.faults.count)
        }
        let sortedFaults = stats.faults.sorted { $0.key < $1.key }
        return .obj([
            "requests": .object(SimDialect.allCases.map { .init(key: $0.rawValue, value: .int(stats.requests[$0] ?? 0)) }),
            "total_requests": .int(stats.totalRequests),
            "faults": .object(sortedFaults.map { .init(key: $0.key, value: .int($0.value)) }),
            "pending_faults": .int(pending),
            "control_requests": .int(stats.controlRequests),
            "orders": .object(orders.map { .init(key: $0.0.rawValue, value: .int($0.1)) }),
        ])
    }
}

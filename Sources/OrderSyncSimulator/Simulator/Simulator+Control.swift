/// Operator endpoints under `/_sim` (no auth): health, stats, mutations and
/// faults, so a benchmark or a shell can steer a running simulator.
extension Simulator {
    func control(_ request: HTTPRequest) -> ServerAction {
        state.withValue { $0.stats.controlRequests += 1 }
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
            let deleting = request.query("kind") == "delete"
            let count = Int(request.query("count") ?? (deleting ? "0" : "1")) ?? -1
            guard count >= 0 else { return bad("count must be a non-negative integer") }
            let deletions = deleting ? count : Int(request.query("delete") ?? "0") ?? -1
            guard deletions >= 0 else { return bad("delete must be a non-negative integer") }
            if let kind = request.query("kind"), kind != "delete", kind != "change" {
                return bad("kind must be change (the default) or delete, got `\(kind)`")
            }
            let name = request.query("dialect") ?? "all"
            let targets = name == "all" ? SimDialect.allCases : SimDialect(rawValue: name).map { [$0] } ?? []
            guard !targets.isEmpty else { return bad("dialect must be one of \(Self.dialectNames) or all, got `\(name)`") }
            var deleted: [JSONValue.Member] = []
            for dialect in targets {
                if !deleting { mutate(dialect, count: count) }
                if deletions > 0 {
                    deleted.append(.init(key: dialect.rawValue,
                                         value: .array(delete(dialect, count: deletions).map { .string($0) })))
                }
            }
            var answer: [JSONValue.Member] = [
                .init(key: "mutated", value: .int(deleting ? 0 : count)),
                .init(key: "dialects", value: .array(targets.map { .string($0.rawValue) })),
            ]
            if deletions > 0 { answer.append(.init(key: "deleted", value: .object(deleted))) }
            return ok(.object(answer))
        case ("GET", "/_sim/orders"):
            guard let name = request.query("dialect"), let dialect = SimDialect(rawValue: name) else {
                return bad("dialect must be one of \(Self.dialectNames), got `\(request.query("dialect") ?? "")`")
            }
            let orders = upstreamOrders(of: dialect)
            return ok(.obj(["dialect": .string(dialect.rawValue), "count": .int(orders.count),
                            "orders": .array(orders.map { .obj(["id": .string($0.id), "status": .string($0.statusRaw)]) })]))
        case ("POST", "/_sim/fault"):
            do {
                let faults = try Self.faults(from: request)
                inject(faults)
                var answer: [JSONValue.Member] = [
                    .init(key: "queued", value: .string(faults.map(\.kind.name).joined(separator: ","))),
                    .init(key: "count", value: faults[0].count == .max ? .null : .int(faults[0].count)),
                ]
                if let rate = faults[0].rate { answer.append(.init(key: "rate", value: .number(String(rate)))) }
                return ok(.object(answer))
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

    /// Reads `dialect`, `path`, `kind`, `count`, `rate` and the kind's own
    /// parameters; `kind=mix` is `SimFault.mix(rate:)`.
    static func faults(from request: HTTPRequest) throws(DialectError) -> [SimFault] {
        var dialect: SimDialect?
        if let name = request.query("dialect"), name != "all", !name.isEmpty {
            guard let known = SimDialect(rawValue: name) else {
                throw .badRequest("dialect must be one of \(dialectNames), got `\(name)`")
            }
            dialect = known
        }
        var rate: Double?
        if let text = request.query("rate") {
            guard let value = Double(text), value > 0, value <= 1 else {
                throw .badRequest("rate must be a probability above 0 and at most 1, e.g. rate=0.02; got `\(text)`")
            }
            rate = value
        }
        // A rate fault lasts until cleared unless a count bounds it.
        let count = Int(request.query("count") ?? (rate == nil ? "1" : String(Int.max))) ?? 0
        guard count >= 1 else { throw .badRequest("count must be a positive integer") }
        let kind: SimFault.Kind
        switch request.query("kind") ?? "" {
        case "mix":
            guard let rate else { throw .badRequest("kind=mix needs rate=<probability>, e.g. rate=0.01") }
            return SimFault.mix(rate: rate, dialect: dialect, retryAfter: request.query("retry_after") ?? "1").map {
                var fault = $0
                fault.pathPrefix = request.query("path")
                fault.count = count
                return fault
            }
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
            throw .badRequest("kind must be status, delay, reset, truncated, garbage, bad_record, unsuccessful or mix, got `\(other)`")
        }
        return [SimFault(dialect: dialect, pathPrefix: request.query("path"), kind: kind, count: count, rate: rate)]
    }

    private func statsJSON() -> JSONValue {
        let (stats, orders, pending) = state.withValue { state in
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

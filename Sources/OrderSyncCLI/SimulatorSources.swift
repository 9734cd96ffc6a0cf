import Foundation
import OrderSyncCore
import OrderSyncSimulator

/// A configuration that points one source of every implemented dialect at a running simulator:
/// what `demo` syncs and what `simulate --write-config` writes for a manual session.
public enum SimulatorSources {
    /// The simulator's formations data uses these status codes (the provider publishes none).
    public static let formationsStatusMap = ["100": "pending", "300": "confirmed", "500": "in_progress", "700": "completed", "900": "cancelled"]

    /// - Parameters:
    ///   - dialects: the dialects to include (default: every registered one the simulator serves).
    ///   - extra: members laid over every source object (test settings such as `page_size`).
    public static func configurationText(
        for simulator: Simulator, database: String, startDate: String, dialects: [String]? = nil,
        extra: JSONObject = JSONObject()
    ) -> String {
        var sources: [JSONValue] = []
        for adapter in DialectRegistry.all where dialects?.contains(adapter.name) ?? true {
            guard let dialect = SimDialect(rawValue: adapter.name) else { continue }
            var auth = JSONObject()
            if let token = simulator.configuration.token(for: dialect) {
                auth["token"] = .string(token)
            } else {
                auth["username"] = .string(simulator.configuration.resellerUsername)
                auth["password"] = .string(simulator.configuration.resellerPassword)
            }
            var source = JSONObject([
                "name": .string("sim-\(dialect.rawValue)"),
                "dialect": .string(dialect.rawValue),
                "base_url": .string(simulator.baseURL(for: dialect)),
                "auth": .object(auth),
                "poll_interval_seconds": .number("30"),
                "start_date": .string(startDate),
                // A loopback upstream needs no politeness: let the pipeline run at full speed.
                "http": .object(JSONObject(["requests_per_second": .number("1000"), "child_concurrency": .number("8")])),
            ])
            if dialect == .formations {
                source["status_map"] = .object(JSONObject(formationsStatusMap.sorted { $0.key < $1.key }
                    .map { JSONObject.Member(key: $0.key, value: .string($0.value)) }))
            }
            sources.append(.object(source.merging(extra)))
        }
        return JSONValue.object(JSONObject(["database": .string(database), "sources": .array(sources)])).prettyPrinted
    }
}

extension JSONValue {
    /// Two-space indented JSON, for files people read and edit.
    public var prettyPrinted: String {
        pretty(indent: "")
    }

    private func pretty(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .array(let elements) where !elements.isEmpty:
            return "[\n" + elements.map { inner + $0.pretty(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let object) where !object.members.isEmpty:
            return "{\n" + object.members.map { member in
                inner + JSONValue.string(member.key).serialized + ": " + member.value.pretty(indent: inner)
            }.joined(separator: ",\n") + "\n\(indent)}"
        default:
            return serialized
        }
    }
}

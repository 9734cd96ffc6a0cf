import FoundationEssentials
import OrderSyncCore
import OrderSyncSimulator

/// A configuration that points one source of every implemented dialect at a running simulator:
/// what `demo` syncs and what `simulate --write-config` writes for a manual session.
///
/// It names no dialect: each simulated dialect declares what its source needs (`auth`, a
/// `status_map`) in `SimulatorConfiguration.sourceSettings(for:)`.
public enum SimulatorSources {
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
            let settings = simulator.configuration.sourceSettings(for: dialect)
            let auth = JSONObject(settings.auth.map { JSONObject.Member(key: $0.key, value: .string($0.value)) })
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
            if !settings.statusMap.isEmpty {
                source["status_map"] = .object(JSONObject(settings.statusMap.map {
                    JSONObject.Member(key: $0.key, value: .string($0.value))
                }))
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

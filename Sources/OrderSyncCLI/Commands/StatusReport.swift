import OrderSyncCore

/// Renders source statuses for people (aligned text) and for scripts (JSON).
enum StatusReport {
    static func text(_ statuses: [(SourceStatus, SourceConfiguration?)], database: String) -> String {
        var lines = ["database: \(database)"]
        for (status, source) in statuses {
            let dialect = source?.dialect ?? status.dialect ?? "?"
            let state = source == nil ? "not configured any more" : (source!.enabled ? "enabled" : "disabled")
            lines.append("")
            lines.append("\(status.source) (\(dialect), \(state))")
            if let run = status.lastRun {
                var text = "\(run.kind) \(run.outcome ?? "running") started \(run.startedAt)"
                if let requests = run.requests { text += ", \(requests) requests" }
                if let upserted = run.ordersUpserted { text += ", \(upserted) orders written" }
                lines.append(row("last run", text))
            } else {
                lines.append(row("last run", "never"))
            }
            lines.append(row("last success", status.lastSuccessAt ?? "never"))
            if let verify = status.lastVerify {
                var text = "\(verify.outcome ?? "running") started \(verify.startedAt)"
                if let requests = verify.requests { text += ", \(requests) requests" }
                if let repaired = verify.ordersUpserted, repaired > 0 { text += ", \(repaired) orders re-synced" }
                lines.append(row("last verify", text))
            } else {
                lines.append(row("last verify", "never"))
            }
            if status.consecutiveFailures > 0 {
                lines.append(row("failing", "\(status.consecutiveFailures) consecutive failed run(s)"))
            }
            if let error = status.lastError { lines.append(row("last error", error)) }
            lines.append(row("orders", "\(status.orders) (\(status.openOrders) open), \(status.lines) lines, \(status.invoices) invoices"))
            if status.rejectedRecords > 0 {
                lines.append(row("rejected", "\(status.rejectedRecords) record(s); see the rejected_records table"))
            }
            if status.deferredRecords > 0 {
                lines.append(row("deferred", "\(status.deferredRecords) record(s) to retry first on the next run; see deferred_records"))
            }
            if status.deletedUpstream > 0 {
                lines.append(row("deleted", "\(status.deletedUpstream) order(s) gone upstream (deleted_upstream_at), kept"))
            }
            if !status.unknownStatuses.isEmpty {
                let list = status.unknownStatuses.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
                lines.append(row("unmapped", "statuses \(list); add them to status_map"))
            }
            for (index, stream) in status.streams.enumerated() {
                let label = index == 0 ? "cursors" : ""
                lines.append(row(label, "\(stream.name) \(stream.cursor ?? "-") (at \(stream.updatedAt ?? "-"))"))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ label: String, _ value: String) -> String {
        "  " + (label.isEmpty ? "" : label + ":") + String(repeating: " ", count: max(1, 15 - label.count - (label.isEmpty ? 0 : 1))) + value
    }

    static func json(_ statuses: [(SourceStatus, SourceConfiguration?)], database: String) -> JSONValue {
        .object(JSONObject([
            "database": .string(database),
            "sources": .array(statuses.map { json($0.0, source: $0.1) }),
        ]))
    }

    private static func json(_ status: SourceStatus, source: SourceConfiguration?) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func number(_ value: Int?) -> JSONValue { value.map { .number(String($0)) } ?? .null }
        func json(_ run: SourceStatus.Run?) -> JSONValue {
            run.map { run in
                .object(JSONObject([
                    "run_id": .number(String(run.runID)), "kind": .string(run.kind), "started_at": .string(run.startedAt),
                    "finished_at": text(run.finishedAt), "outcome": text(run.outcome), "requests": number(run.requests),
                    "orders_upserted": number(run.ordersUpserted), "error": text(run.error),
                ]))
            } ?? .null
        }
        return .object(JSONObject([
            "source": .string(status.source),
            "dialect": text(source?.dialect ?? status.dialect),
            "configured": .bool(source != nil),
            "enabled": source.map { .bool($0.enabled) } ?? .null,
            "first_synced_at": text(status.firstSyncedAt),
            "last_run": json(status.lastRun),
            "last_verify": json(status.lastVerify),
            "last_success_at": text(status.lastSuccessAt),
            "consecutive_failures": number(status.consecutiveFailures),
            "last_error": text(status.lastError),
            "orders": number(status.orders),
            "open_orders": number(status.openOrders),
            "lines": number(status.lines),
            "invoices": number(status.invoices),
            "rejected_records": number(status.rejectedRecords),
            "deferred_records": number(status.deferredRecords),
            "deleted_upstream": number(status.deletedUpstream),
            "unknown_statuses": .object(JSONObject(status.unknownStatuses.sorted { $0.key < $1.key }
                .map { JSONObject.Member(key: $0.key, value: number($0.value)) })),
            "streams": .array(status.streams.map { stream in
                .object(JSONObject(["stream": .string(stream.name), "cursor": text(stream.cursor), "updated_at": text(stream.updatedAt)]))
            }),
        ]))
    }
}

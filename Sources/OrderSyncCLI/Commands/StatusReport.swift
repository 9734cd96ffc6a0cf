import OrderSyncCore

/// Renders source statuses for people (aligned text) and for scripts (JSON).
enum StatusReport {
    /// One source's line of the report.
    struct Entry {
        var status: SourceStatus
        var source: SourceConfiguration?
        /// Why it is unhealthy; nil when healthy or not judged (disabled, not configured).
        var problem: String?
        /// A backfill running now: when it started and where its checkpoint stands.
        var backfill: (startedAt: String, position: BackfillPosition?)?
    }

    static func text(_ statuses: [Entry], database: String) -> String {
        var lines = ["database: \(database)"]
        for entry in statuses {
            let (status, source) = (entry.status, entry.source)
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
            if source?.enabled == true { lines.append(row("health", entry.problem.map { "UNHEALTHY: \($0)" } ?? "ok")) }
            if let backfill = entry.backfill {
                lines.append(row("backfill", "running since \(backfill.startedAt)" + (backfill.position.map { ": \($0.summary)" } ?? "")))
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

    static func json(_ statuses: [Entry], database: String) -> JSONValue {
        .object(JSONObject([
            "database": .string(database),
            "healthy": .bool(!statuses.contains { $0.problem != nil }),
            "sources": .array(statuses.map(json)),
        ]))
    }

    private static func json(_ entry: Entry) -> JSONValue {
        let (status, source) = (entry.status, entry.source)
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
            "healthy": source?.enabled == true ? .bool(entry.problem == nil) : .null,
            "unhealthy_reason": text(entry.problem),
            "running_backfill": entry.backfill.map { backfill in
                .object(JSONObject([
                    "started_at": .string(backfill.startedAt),
                    "windows_done": number(backfill.position?.windowsDone), "windows_total": number(backfill.position?.windowsTotal),
                    "page": number(backfill.position?.page),
                ]))
            } ?? .null,
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

import FoundationEssentials
import Glibc

/// `/metrics`: the Prometheus text exposition format, version 0.0.4.
extension SyncMetrics {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public func prometheusText() -> String {
        let at = now()
        let snapshot = sources.current.sorted { $0.key < $1.key }
        let health = Dictionary(uniqueKeysWithValues: health().map { ($0.source, $0.problem) })
        var text = PrometheusWriter()

        text.family("ordersync_build_info", .gauge, "The running build; the value is always 1.")
        text.sample("ordersync_build_info", ["version": OrderSync.version], 1)
        text.family("ordersync_start_time_seconds", .gauge, "When the process started, in seconds since the Unix epoch.")
        text.sample("ordersync_start_time_seconds", [:], Double(startedAt.secondsSinceEpoch))
        text.family("ordersync_uptime_seconds", .gauge, "Seconds since the process started.")
        text.sample("ordersync_uptime_seconds", [:], Double(at.secondsSinceEpoch - startedAt.secondsSinceEpoch))
        if let rss = Self.residentMemoryBytes() {
            text.family("ordersync_resident_memory_bytes", .gauge, "Resident set size of the process.")
            text.sample("ordersync_resident_memory_bytes", [:], Double(rss))
        }

        text.family("ordersync_source_healthy", .gauge, "1 while the source passes the health rule of /healthz, else 0.")
        for (name, _) in snapshot { text.sample("ordersync_source_healthy", ["source": name], health[name]! == nil ? 1 : 0) }
        text.family("ordersync_source_last_success_timestamp_seconds", .gauge,
                    "End of the source's last successful poll in this process, in seconds since the Unix epoch.")
        for (name, entry) in snapshot {
            if let last = entry.lastSuccess {
                text.sample("ordersync_source_last_success_timestamp_seconds", ["source": name], Double(last.secondsSinceEpoch))
            }
        }
        text.family("ordersync_source_poll_interval_seconds", .gauge, "The source's configured poll_interval_seconds.")
        for (name, entry) in snapshot { text.sample("ordersync_source_poll_interval_seconds", ["source": name], Double(entry.pollIntervalSeconds)) }
        text.family("ordersync_source_seconds_since_cursor_advance", .gauge,
                    "Seconds since the source last committed a page with a new position (or since the process started).")
        for (name, entry) in snapshot {
            let since = entry.lastCursorAdvance ?? startedAt
            text.sample("ordersync_source_seconds_since_cursor_advance", ["source": name], Double(at.secondsSinceEpoch - since.secondsSinceEpoch))
        }
        text.family("ordersync_source_consecutive_failures", .gauge, "Polls failed in a row since the last success.")
        for (name, entry) in snapshot { text.sample("ordersync_source_consecutive_failures", ["source": name], Double(entry.consecutiveFailures)) }
        text.family("ordersync_source_backoff_seconds", .gauge, "The failure backoff the source is waiting out (0 when healthy).")
        for (name, entry) in snapshot { text.sample("ordersync_source_backoff_seconds", ["source": name], entry.backoffSeconds) }

        text.family("ordersync_source_runs_total", .counter, "Runs finished, by kind and outcome.")
        for (name, entry) in snapshot {
            for key in entry.runs.keys.sorted() {
                let parts = key.split(separator: " ").map(String.init)
                text.sample("ordersync_source_runs_total", ["source": name, "kind": parts[0], "outcome": parts[1]], Double(entry.runs[key]!))
            }
        }
        text.family("ordersync_source_requests_total", .counter,
                    "HTTP attempts by status class (2xx … 5xx; error when no response came), retries and logins included.")
        for (name, entry) in snapshot {
            for key in entry.requests.keys.sorted() {
                text.sample("ordersync_source_requests_total", ["source": name, "status_class": key], Double(entry.requests[key]!))
            }
        }
        text.family("ordersync_source_retries_total", .counter, "Failed attempts that were retried after a backoff.")
        for (name, entry) in snapshot { text.sample("ordersync_source_retries_total", ["source": name], Double(entry.retries)) }
        text.family("ordersync_source_rate_limit_waits_total", .counter, "Retries the upstream asked for with 429 or Retry-After.")
        for (name, entry) in snapshot { text.sample("ordersync_source_rate_limit_waits_total", ["source": name], Double(entry.rateLimitWaits)) }
        text.family("ordersync_source_orders_upserted_total", .counter, "Orders inserted or updated.")
        for (name, entry) in snapshot { text.sample("ordersync_source_orders_upserted_total", ["source": name], Double(entry.ordersUpserted)) }
        text.family("ordersync_source_rejected_records_total", .counter, "Upstream records that could not be normalized (kept in rejected_records).")
        for (name, entry) in snapshot { text.sample("ordersync_source_rejected_records_total", ["source": name], Double(entry.rejected)) }
        text.family("ordersync_source_verify_differences", .gauge, "Differences the last verify of the source found.")
        for (name, entry) in snapshot {
            if let differences = entry.verifyDifferences {
                text.sample("ordersync_source_verify_differences", ["source": name], Double(differences))
            }
        }
        text.family("ordersync_source_database_failures_total", .counter,
                    "Polls that failed on the database (read-only, disk full, locked too long), not upstream.")
        for (name, entry) in snapshot { text.sample("ordersync_source_database_failures_total", ["source": name], Double(entry.databaseFailures)) }

        text.family("ordersync_source_run_duration_seconds", .histogram, "How long runs took, by kind (monotonic clock, sub-second).")
        for (name, entry) in snapshot {
            for kind in entry.durations.keys.sorted() {
                text.histogram("ordersync_source_run_duration_seconds", ["source": name, "kind": kind], entry.durations[kind]!)
            }
        }
        text.family("ordersync_source_request_duration_seconds", .histogram,
                    "How long HTTP attempts took until the response or the error (millisecond resolution).")
        for (name, entry) in snapshot where entry.requestDurations.count > 0 {
            text.histogram("ordersync_source_request_duration_seconds", ["source": name], entry.requestDurations)
        }
        return text.output
    }

    /// `/proc/self/statm`'s resident pages × the page size; nil where there is no procfs.
    static func residentMemoryBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// Lines of the text format, with label values escaped as it requires.
struct PrometheusWriter {
    enum Kind: String { case counter, gauge, histogram }

    private(set) var output = ""

    mutating func family(_ name: String, _ kind: Kind, _ help: String) {
        output += "# HELP \(name) \(help.replacing("\\", with: "\\\\").replacing("\n", with: "\\n"))\n"
        output += "# TYPE \(name) \(kind.rawValue)\n"
    }

    /// A histogram's `_bucket` lines (cumulative, `+Inf` last), `_sum` and `_count`.
    mutating func histogram(_ name: String, _ labels: [String: String], _ histogram: SyncMetrics.Histogram) {
        for (index, bound) in histogram.bounds.enumerated() {
            sample(name + "_bucket", labels.merging(["le": Self.number(bound)]) { $1 }, Double(histogram.buckets[index]))
        }
        sample(name + "_bucket", labels.merging(["le": "+Inf"]) { $1 }, Double(histogram.count))
        sample(name + "_sum", labels, histogram.sum)
        sample(name + "_count", labels, Double(histogram.count))
    }

    mutating func sample(_ name: String, _ labels: [String: String], _ value: Double) {
        output += name
        if !labels.isEmpty {
            // `le` last, as Prometheus itself writes it; the others by name.
            let keys = labels.keys.filter { $0 != "le" }.sorted() + (labels["le"] == nil ? [] : ["le"])
            output += "{" + keys.map { "\($0)=\"\(Self.escape(labels[$0]!))\"" }.joined(separator: ",") + "}"
        }
        output += " \(Self.number(value))\n"
    }

    static func escape(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            .replacing("\n", with: "\\n")
    }

    /// Integers without a fraction; others as Swift prints them (a valid Go float literal).
    static func number(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value.isNaN { return "NaN" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

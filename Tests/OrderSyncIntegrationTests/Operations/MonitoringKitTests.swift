import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// contrib/prometheus and contrib/grafana: the rules pass `promtool check rules` and their unit
/// tests, the dashboard is an importable document with a datasource variable, and every metric
/// the two name is one the daemon (the real binary, against the simulator) serves on /metrics.
@Suite("Monitoring kit: Prometheus rules and Grafana dashboard", .serialized)
struct MonitoringKitTests {
    static let promtool = ExternalTool.find("/usr/bin/promtool", "/usr/local/bin/promtool")
    static let rules = ExternalTool.repository.appendingPathComponent("contrib/prometheus/ordersync.rules.yml").path
    static let ruleTests = ExternalTool.repository.appendingPathComponent("contrib/prometheus/ordersync.rules.test.yml").path
    static let dashboard = ExternalTool.repository.appendingPathComponent("contrib/grafana/ordersync.json").path

    /// The standard process_* metrics come with the `listener` branch (issue 20). Until it is
    /// merged they may be missing from /metrics. LEAD: once listener is on main, empty this set.
    static let allowedMissing: Set<String> = ["process_cpu_seconds_total", "process_resident_memory_bytes"]

    @Test("promtool check rules and promtool test rules pass", .enabled(if: promtool != nil || ExternalTool.isCI))
    func promtoolRules() throws {
        let promtool = try #require(Self.promtool, "promtool is missing: scripts/setup installs it (package prometheus)")
        let check = try ExternalTool.run(promtool, ["check", "rules", Self.rules])
        #expect(check.status == 0, "\(check.out)\(check.err)")
        let test = try ExternalTool.run(promtool, ["test", "rules", Self.ruleTests])
        #expect(test.status == 0 && test.out.contains("SUCCESS"), "\(test.out)\(test.err)")
    }

    @Test("every alert of the rules file has a firing and a not-firing case in its unit tests")
    func everyAlertTested() throws {
        let rules = try String(contentsOfFile: Self.rules, encoding: .utf8)
        let tests = try String(contentsOfFile: Self.ruleTests, encoding: .utf8)
        let alerts = rules.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("- alert: ") ? String(trimmed.dropFirst(9)) : nil
        }
        #expect(alerts.count >= 7, "\(alerts)")
        for alert in alerts {
            // A test case: "alertname: X" followed by either "exp_alerts: []" or a list.
            let cases = tests.components(separatedBy: "alertname: \(alert)\n").dropFirst().map { $0.split(separator: "\n").first ?? "" }
            #expect(cases.contains { $0.contains("exp_alerts: []") }, "\(alert) has no not-firing case")
            #expect(cases.contains { $0.trimmingCharacters(in: .whitespaces) == "exp_alerts:" }, "\(alert) has no firing case")
        }
    }

    /// Dashboard: importable JSON with a `datasource` variable every panel uses.
    @Test("the dashboard is importable and every panel queries the datasource variable")
    func dashboardShape() throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.dashboard))) as! [String: Any]
        let variables = ((json["templating"] as? [String: Any])?["list"] as? [[String: Any]]) ?? []
        #expect(variables.contains { $0["name"] as? String == "datasource" && $0["type"] as? String == "datasource" && $0["query"] as? String == "prometheus" })
        let panels = json["panels"] as? [[String: Any]] ?? []
        #expect(panels.count >= 9)
        #expect(json["uid"] as? String == "ordersync" && json["id"] == nil, "importable: a uid, no instance id")
        for panel in panels {
            let datasource = panel["datasource"] as? [String: Any]
            #expect(datasource?["uid"] as? String == "${datasource}", "\(panel["title"] ?? "")")
            let targets = panel["targets"] as? [[String: Any]] ?? []
            #expect(!targets.isEmpty && targets.allSatisfy { ($0["expr"] as? String)?.isEmpty == false }, "\(panel["title"] ?? "")")
        }
    }

    /// Every `ordersync_*` and `process_*` name in the dashboard's and the rules' expressions.
    static func metricNames() throws -> Set<String> {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dashboard))) as! [String: Any]
        var expressions = (json["panels"] as? [[String: Any]] ?? []).flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }
        expressions += try String(contentsOfFile: rules, encoding: .utf8).split(separator: "\n").map(String.init)
        let regex = try NSRegularExpression(pattern: "(?<![A-Za-z0-9_:])(ordersync_[a-z_]+|process_[a-z_]+)")
        var names = Set<String>()
        for expression in expressions {
            let range = NSRange(expression.startIndex..., in: expression)
            for match in regex.matches(in: expression, range: range) {
                names.insert(String(expression[Range(match.range, in: expression)!]))
            }
        }
        return names
    }

    @Test("every metric the dashboard and the rules use is served by the running daemon")
    func metricsServed() async throws {
        let names = try Self.metricNames()
        #expect(names.count >= 12, "\(names.sorted())")
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"], extra: [
                "poll_interval_seconds": .number("1"),
                "http": .object(["requests_per_second": .number("1000")]),
            ])
            try Operations.editConfig(harness.configPath, root: ["metrics": .object(["listen": .string("127.0.0.1:0")])])
            let daemon = try OrderSyncProcess(["run", "--config", harness.configPath], directory: directory)
            defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
            var port: UInt16 = 0
            try await Operations.waitUntil("the listener's address in the log") {
                guard let line = daemon.output.split(separator: "\n").first(where: { $0.contains("serving /metrics") }),
                      let range = line.range(of: "listen=127.0.0.1:"), let parsed = UInt16(line[range.upperBound...].prefix { $0.isNumber })
                else { return false }
                port = parsed
                return true
            }
            try await Operations.waitUntil("a first successful poll") {
                try Operations.count(harness.databasePath, "SELECT count(*) FROM sync_runs WHERE outcome = 'ok'") >= 1
            }
            var text = ""
            try await Operations.waitUntil("a run counted in /metrics") {
                text = try PlainHTTP.get(port: port, "/metrics").body
                return text.contains("ordersync_source_runs_total{")
            }
            // A family is served when its TYPE line is there (a gauge such as verify differences has
            // no sample until a verify ran); histograms serve _bucket, _sum and _count.
            let families = Set(text.split(separator: "\n").compactMap { line -> String? in
                line.hasPrefix("# TYPE ") ? line.split(separator: " ")[2].description : nil
            })
            for name in names.sorted() {
                let family = ["_bucket", "_sum", "_count"].reduce(name) { name, suffix in
                    name.hasSuffix(suffix) && families.contains(String(name.dropLast(suffix.count))) ? String(name.dropLast(suffix.count)) : name
                }
                if families.contains(family) { continue }
                if Self.allowedMissing.contains(name) {
                    print("allowed missing until the listener branch is merged: \(name)")
                    continue
                }
                Issue.record("\(name) is used by contrib/ but not served on /metrics")
            }
            daemon.signal(SIGTERM)
            #expect(await daemon.wait(timeout: .seconds(30)) == 0, "\(daemon.output)")
        }
    }
}

import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// The real daemon's `/metrics` and `/healthz` under the attacks of issue 21: dribbled heads,
/// 150 idle connections, 1 MiB heads, clients that never read, the database's write lock held
/// elsewhere. During each, a well-behaved
/// `/healthz` must answer within 1 s (a bound only starvation breaks), and the daemon's memory
/// must not grow with the attack. Prints the worst latency per attack (docs/reliability.md).
@Suite("Metrics listener under attack (the real binary)", .serialized)
struct MetricsListenerAttackTests {
    @Test("healthz answers within 1 s during every attack; RSS stays bounded; a non-loopback bind warns")
    func attacks() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"], extra: ["poll_interval_seconds": .number("5")])
            // Every interface: the warning is logged; the test still talks over loopback.
            try Operations.editConfig(harness.configPath, root: ["metrics": .object(["listen": .string("0.0.0.0:0")])])
            let daemon = try OrderSyncProcess(["run", "--config", harness.configPath], directory: directory)
            defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
            var listening: UInt16 = 0
            try await Operations.waitUntil("the listener's address in the log") {
                guard let line = daemon.output.split(separator: "\n").first(where: { $0.contains("serving /metrics") }),
                      let range = line.range(of: "listen=0.0.0.0:"), let parsed = UInt16(line[range.upperBound...].prefix { $0.isNumber })
                else { return false }
                listening = parsed
                return true
            }
            let port = listening
            #expect(daemon.output.contains("is reachable from other hosts"), "\(daemon.output)")
            #expect(daemon.output.contains("reveal source names"))
            for _ in 0..<20 { _ = try PlainHTTP.get(port: port, "/metrics") }
            let baseline = try #require(Self.residentBytes(daemon.pid))
            var report: [String] = []

            // 1. Twenty heads dribbled one byte every 0.5 s, never finished.
            let dribblers = try (0..<20).map { _ in try HostileClient(port: port) }
            report.append(try await Self.probe("20 heads dribbled 1 byte / 0.5 s", port: port, daemon: daemon) { stop in
                while !stop.current {
                    for client in dribblers { client.send("G") }
                    usleep(500_000)
                }
            })
            // 2. 150 idle connections: 75 that connect and send nothing, 75 kept alive after a request.
            var idle = try (0..<75).map { _ in try HostileClient(port: port) }
            for _ in 0..<75 {
                let client = try HostileClient(port: port)
                client.send("GET /healthz HTTP/1.1\r\n\r\n")
                idle.append(client)
            }
            report.append(try await Self.probe("150 idle connections (75 silent, 75 kept alive)", port: port, daemon: daemon) { _ in })
            idle.removeAll()
            // 3. 1 MiB request heads, one connection after another.
            let huge = Array(("GET /metrics HTTP/1.1\r\nX: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\n").utf8)
            let refused = LockedBox(0)
            report.append(try await Self.probe("1 MiB request heads, back to back", port: port, daemon: daemon) { stop in
                while !stop.current {
                    guard let client = try? HostileClient(port: port) else { continue }
                    client.send(huge)
                    if client.readResponse()?.status == 431 { refused.withValue { $0 += 1 } }
                }
            })
            #expect(refused.current > 0, "the oversized heads got 431")
            // 4. Clients that never read: tiny receive buffers, 200 pipelined scrapes each.
            let pipelined = String(repeating: "GET /metrics HTTP/1.1\r\n\r\n", count: 200)
            var stalled: [HostileClient] = []
            for _ in 0..<50 {
                let client = try HostileClient(port: port, receiveBuffer: 4096)
                client.send(pipelined)
                stalled.append(client)
            }
            report.append(try await Self.probe("50 clients never reading 200 pipelined /metrics", port: port, daemon: daemon) { _ in })
            stalled.removeAll()

            // 5. The store's writer held up: another connection holds the write lock for longer
            // than a poll interval, so the daemon's next poll waits on it; scrapes must not.
            let holder = try Database(path: harness.databasePath, options: Database.OpenOptions(busyTimeout: .seconds(5)))
            try holder.execute("BEGIN IMMEDIATE")
            report.append(try await Self.probe("the database write lock held by another process for 6 s", port: port, daemon: daemon,
                                               seconds: 6, scrape: true) { _ in })
            try holder.execute("ROLLBACK")
            holder.close()

            let after = try #require(Self.residentBytes(daemon.pid))
            let growth = after - baseline
            print("metrics listener attacks (RSS before \(baseline >> 20) MiB, after \(after >> 20) MiB):\n" + report.joined(separator: "\n"))
            #expect(growth < 32 << 20, "RSS grew by \(growth >> 20) MiB over the attacks")
            daemon.signal(SIGTERM)
            #expect(await daemon.wait(timeout: .seconds(10)) == 0, "\(daemon.output)")
        }
    }

    /// Runs `attack` on a thread for 3 s while probing `/healthz` every 100 ms; each probe must
    /// answer within 1 s. Returns the attack's line for the report.
    static func probe(_ name: String, port: UInt16, daemon: OrderSyncProcess, seconds: Int64 = 3, scrape: Bool = false,
                      _ attack: @escaping @Sendable (LockedBox<Bool>) -> Void) async throws -> String {
        let stop = LockedBox(false)
        let finished = LockedBox(false)
        HostileClient.thread {
            attack(stop)
            finished.withValue { $0 = true }
        }
        defer { stop.withValue { $0 = true } }
        var worst = Duration.zero
        var peak = 0
        let end = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < end {
            let started = ContinuousClock.now
            let response = try PlainHTTP.get(port: port, "/healthz")
            let elapsed = ContinuousClock.now - started
            worst = max(worst, elapsed)
            #expect([200, 503].contains(response.status), "\(name): healthz answered \(response.status)")
            #expect(elapsed < .seconds(1), "\(name): healthz took \(elapsed)")
            if scrape {
                let scrapeStarted = ContinuousClock.now
                let metrics = try PlainHTTP.get(port: port, "/metrics")
                let scrapeTime = ContinuousClock.now - scrapeStarted
                #expect(metrics.status == 200 && metrics.body.contains("process_open_fds"), "\(name): /metrics answered \(metrics.status)")
                #expect(scrapeTime < .seconds(1), "\(name): /metrics took \(scrapeTime)")
                worst = max(worst, scrapeTime)
            }
            peak = max(peak, residentBytes(daemon.pid) ?? 0)
            try await Task.sleep(for: .milliseconds(100))
        }
        stop.withValue { $0 = true }
        try await Operations.waitUntil("\(name): the attack thread stopped") { finished.current }
        let milliseconds = Double(worst.components.seconds) * 1000 + Double(worst.components.attoseconds) / 1e15
        return "  \(name): worst \(scrape ? "healthz or metrics" : "healthz") \(String(format: "%.1f", milliseconds)) ms, peak RSS \(peak >> 20) MiB"
    }

    /// The daemon's resident set, from `/proc/<pid>/statm`.
    static func residentBytes(_ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

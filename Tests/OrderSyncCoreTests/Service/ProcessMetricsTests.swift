import Foundation
@testable import OrderSyncCore
import Testing

/// The standard `process_*` metrics: parsed from `/proc` the way client_golang parses them.
@Suite("Process metrics")
struct ProcessMetricsTests {
    @Test("/proc/self/stat fields are counted after the command name, whatever it holds")
    func statParsing() {
        // Fields 14/15 utime/stime = 250/150 ticks, 22 starttime = 1000 ticks, 23 vsize, 24 rss pages.
        let stat = "4242 (a (weird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 3 0 1000 123456789 2048 "
            + "18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0"
        var metrics = ProcessMetrics()
        metrics.apply(stat: stat, bootTime: 1_700_000_000, ticksPerSecond: 100, pageSize: 4096)
        #expect(metrics.cpuSeconds == 4)
        #expect(metrics.startTimeSeconds == 1_700_000_010)
        #expect(metrics.virtualMemoryBytes == 123_456_789)
        #expect(metrics.residentMemoryBytes == 8_388_608.0)
        #expect(ProcessMetrics.bootTime("cpu  1 2 3\nbtime 1700000000\nprocesses 5\n") == 1_700_000_000)
        let limits = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max open files            1024                 524288               files
            """
        #expect(ProcessMetrics.softOpenFilesLimit(limits) == 1024)
    }

    @Test("this process's figures are plausible, and open descriptors follow opened files")
    func current() throws {
        let before = ProcessMetrics.current()
        let rss = try #require(before.residentMemoryBytes)
        #expect(rss > 1_000_000)
        #expect(try #require(before.virtualMemoryBytes) >= rss)
        #expect(try #require(before.cpuSeconds) > 0)
        let start = try #require(before.startTimeSeconds)
        let now = Date().timeIntervalSince1970
        #expect(start <= now + 1 && start > now - 86_400, "the test process started within the last day: \(start)")
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        #expect(before.maxDescriptors == Double(limit.rlim_cur))
        let opened = (0..<200).map { _ in open("/dev/null", O_RDONLY) }
        defer { for fd in opened { close(fd) } }
        let after = try #require(ProcessMetrics.current().openDescriptors)
        #expect(after >= (before.openDescriptors ?? 0) + 150, "200 opened (other tests may close a few meanwhile)")

        var text = PrometheusWriter()
        ProcessMetrics.current().write(to: &text)
        for name in ["process_cpu_seconds_total", "process_resident_memory_bytes", "process_virtual_memory_bytes",
                     "process_start_time_seconds", "process_open_fds", "process_max_fds"] {
            #expect(text.output.contains("\n\(name) "), "\(name) missing")
        }
        #expect(text.output.contains("# TYPE process_cpu_seconds_total counter"))
    }
}

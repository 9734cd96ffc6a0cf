import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The standard `process_*` metrics every Prometheus client library exports, read from `/proc`
/// the way client_golang's process collector (prometheus/procfs) reads them, so dashboards and
/// alerts written for any exporter work unchanged:
/// - `/proc/self/stat`: utime + stime (clock ticks) → CPU seconds; starttime (ticks since boot)
///   plus `btime` of `/proc/stat` → start time; vsize (bytes); rss (pages × page size);
/// - `/proc/self/limits`: the soft "Max open files" limit;
/// - `/proc/self/fd`: one entry per open descriptor.
/// A value that cannot be read (no procfs) is left out, as the client libraries do.
struct ProcessMetrics: Equatable {
    var cpuSeconds: Double?
    var residentMemoryBytes: Double?
    var virtualMemoryBytes: Double?
    var startTimeSeconds: Double?
    var openDescriptors: Double?
    var maxDescriptors: Double?

    /// The current process's figures.
    static func current() -> ProcessMetrics {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        var metrics = ProcessMetrics()
        if let stat = read("/proc/self/stat") {
            metrics.apply(stat: stat, bootTime: read("/proc/stat").flatMap(bootTime), ticksPerSecond: ticks, pageSize: pageSize)
        }
        metrics.maxDescriptors = read("/proc/self/limits").flatMap(softOpenFilesLimit)
        metrics.openDescriptors = openDescriptorCount()
        return metrics
    }

    /// Fields of `/proc/self/stat` (see proc(5)); the command name in parentheses may hold
    /// spaces and parentheses itself, so fields are counted from after its last `)`.
    mutating func apply(stat: String, bootTime: Double?, ticksPerSecond: Double, pageSize: Double) {
        guard let close = stat.lastIndex(of: ")") else { return }
        // Index 0 is field 3 (state): field n is at n - 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        func field(_ number: Int) -> Double? { fields.count > number - 3 ? Double(fields[number - 3]) : nil }
        if let user = field(14), let system = field(15), ticksPerSecond > 0 {
            cpuSeconds = (user + system) / ticksPerSecond
        }
        if let start = field(22), let bootTime, ticksPerSecond > 0 { startTimeSeconds = bootTime + start / ticksPerSecond }
        virtualMemoryBytes = field(23)
        residentMemoryBytes = field(24).map { $0 * pageSize }
    }

    /// `btime` of `/proc/stat`: the boot time in seconds since the epoch.
    static func bootTime(_ text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix("btime ") }.flatMap { Double($0.dropFirst(6).trimmingPrefix(" ")) }
    }

    /// The soft limit of the "Max open files" line of `/proc/self/limits` (nil when unlimited).
    static func softOpenFilesLimit(_ text: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Max open files") }) else { return nil }
        return line.dropFirst("Max open files".count).split(separator: " ").first.flatMap { Double($0) }
    }

    /// Entries of `/proc/self/fd`, less the descriptor the listing itself holds open.
    static func openDescriptorCount() -> Double? {
        guard let directory = opendir("/proc/self/fd") else { return nil }
        defer { closedir(directory) }
        let own = String(dirfd(directory))
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != "..", name != own { count += 1 }
        }
        return Double(count)
    }

    private static func read(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// Appends the families with the client libraries' names, types and help texts.
    func write(to text: inout PrometheusWriter) {
        let families: [(String, PrometheusWriter.Kind, String, Double?)] = [
            ("process_cpu_seconds_total", .counter, "Total user and system CPU time spent in seconds.", cpuSeconds),
            ("process_open_fds", .gauge, "Number of open file descriptors.", openDescriptors),
            ("process_max_fds", .gauge, "Maximum number of open file descriptors.", maxDescriptors),
            ("process_virtual_memory_bytes", .gauge, "Virtual memory size in bytes.", virtualMemoryBytes),
            ("process_resident_memory_bytes", .gauge, "Resident memory size in bytes.", residentMemoryBytes),
            ("process_start_time_seconds", .gauge, "Start time of the process since unix epoch in seconds.", startTimeSeconds),
        ]
        for (name, kind, help, value) in families {
            guard let value else { continue }
            text.family(name, kind, help)
            text.sample(name, [:], value)
        }
    }
}

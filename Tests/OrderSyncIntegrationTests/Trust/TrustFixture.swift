import Foundation
import OrderSyncCore
import OrderSyncTesting
import PlatformSupport

/// What the trust tests share: a configuration pointed at hostile upstreams written in the
/// tests, the real `ordersync` binary run as a child process, and the database read back with
/// plain SQL, as an operator would.
struct TrustFixture {
    let directory: String
    var configPath: String { directory + "/config.json" }
    var databasePath: String { directory + "/orders.db" }

    /// Fast retries and no rate limit to speak of: the tests must not wait on real backoff.
    static var fastHTTP: [String: Any] { [
        "requests_per_second": 5000, "initial_backoff_ms": 1, "max_backoff_seconds": 1,
        "retry_after_floor_seconds": 0, "max_attempts": 5, "request_timeout_seconds": 10,
    ] }

    /// Writes a configuration with one source per entry of `sources`; each entry's members are
    /// laid over `name`, `dialect`, `base_url`, `auth` and the fast `http` settings.
    init(directory: String, sources: [[String: Any]]) throws {
        self.directory = directory
        let list = sources.map { source -> [String: Any] in
            var entry: [String: Any] = ["auth": ["token": "t"], "http": Self.fastHTTP]
            entry.merge(source) { $1 }
            return entry
        }
        let config: [String: Any] = ["database": databasePath, "log_level": "info", "sources": list]
        let data = try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: configPath))
    }

    /// One source's configuration entry.
    static func source(_ name: String, _ dialect: String, _ upstream: HostileUpstream, _ extra: [String: Any] = [:]) -> [String: Any] {
        var entry: [String: Any] = ["name": name, "dialect": dialect, "base_url": upstream.baseURL]
        entry.merge(extra) { $1 }
        return entry
    }

    /// Runs `ordersync <arguments> --config <config>` to completion (or `timeout`).
    /// Returns the exit status (nil: still running at the timeout, then killed) and the output.
    func run(_ arguments: [String], timeout: Duration = .seconds(120)) async throws -> (status: Int32?, output: String) {
        let child = try start(arguments)
        let status = await child.wait(timeout: timeout)
        if status == nil { child.signal(SIGKILL) }
        return (status, child.output)
    }

    /// Starts `ordersync <arguments> --config <config>` and returns at once.
    func start(_ arguments: [String]) throws -> OrderSyncProcess {
        try OrderSyncProcess(arguments + ["--config", configPath], directory: directory)
    }

    /// Nil when `actual` equals `expected`; else how they differ, briefly (no 20,000-id dumps).
    static func difference(_ actual: Set<String>, _ expected: Set<String>) -> String? {
        let missing = expected.subtracting(actual), unexpected = actual.subtracting(expected)
        guard !missing.isEmpty || !unexpected.isEmpty else { return nil }
        return "\(actual.count) stored of \(expected.count): \(missing.count) missing (e.g. \(missing.sorted().prefix(5))), "
            + "\(unexpected.count) unexpected (e.g. \(unexpected.sorted().prefix(5)))"
    }

    // MARK: The database, read back

    func readOnly() throws -> Database {
        try Database(path: databasePath, options: Database.OpenOptions(readOnly: true, create: false))
    }

    func count(_ sql: String, _ values: any SQLiteBindable...) throws -> Int {
        // The statement does not keep its database open: hold it for the query's length.
        let db = try readOnly()
        return try withExtendedLifetime(db) { try db.makeStatement(sql).scalar(values)?.intValue ?? 0 }
    }

    /// The first column of every row, as text.
    func texts(_ sql: String, _ values: any SQLiteBindable...) throws -> [String] {
        let db = try readOnly()
        return try withExtendedLifetime(db) { try db.makeStatement(sql).query(values).map { $0.string(0) ?? "NULL" } }
    }

    /// The order ids stored for `source`.
    func orderIDs(_ source: String) throws -> Set<String> {
        Set(try texts("SELECT order_id FROM orders WHERE source = ?", source))
    }

    /// Orders of `source` that have at least one line.
    func orderIDsWithLines(_ source: String) throws -> Set<String> {
        Set(try texts("SELECT DISTINCT order_id FROM order_lines WHERE source = ?", source))
    }

    /// Changes the database behind the daemon's back (the daemon is not running).
    func tamper(_ sql: String, _ values: any SQLiteBindable...) throws {
        let db = try Database(path: databasePath, options: Database.OpenOptions(create: false))
        try withExtendedLifetime(db) { try db.makeStatement(sql).execute(values) }
    }
}

/// Calendar days as integers (days since 1970-01-01, UTC), so upstreams can filter by day with
/// plain arithmetic.
enum Day {
    static var today: Int { Int(Date().timeIntervalSince1970 / 86_400) }

    /// The shared civil-date arithmetic (`PlatformSupport.CivilCalendar`), on this file's `Int` days.
    static func civil(_ day: Int) -> (year: Int, month: Int, day: Int) {
        let date = CivilCalendar.civil(days: Int64(day))
        return (Int(date.year), Int(date.month), Int(date.day))
    }

    static func from(year: Int, month: Int, day: Int) -> Int {
        Int(CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// `YYYY-MM-DD`.
    static func text(_ day: Int) -> String {
        let c = civil(day)
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// `YYYYMMDD` (formations filters).
    static func compact(_ day: Int) -> String {
        let c = civil(day)
        return String(format: "%04d%02d%02d", c.year, c.month, c.day)
    }

    /// Reads `YYYY-MM-DD` or `YYYYMMDD`.
    static func parse(_ text: String) -> Int? {
        let digits = text.filter(\.isNumber)
        guard digits.count == 8, let number = Int(digits) else { return nil }
        return from(year: number / 10_000, month: number / 100 % 100, day: number % 100)
    }

    /// `YYYY-MM-DD HH:MM:SS` for a second of that day.
    static func wallClock(_ day: Int, second: Int) -> String {
        text(day) + String(format: " %02d:%02d:%02d", second / 3_600, second / 60 % 60, second % 60)
    }
}

extension [Int] {
    /// The index of the first element not less than `value`, in a sorted array.
    func lowerBound(_ value: Int) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

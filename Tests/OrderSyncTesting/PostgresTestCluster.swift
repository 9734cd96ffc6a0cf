import Foundation
import OrderSyncCore
import Testing

/// A throwaway PostgreSQL cluster for tests: `initdb` in a temporary directory (as an
/// unprivileged user when the tests run as root, as CI does), listening on a Unix socket only
/// (`listen_addresses = ''`), `fsync=off`, trust authentication. About a second to start.
///
/// `shared()` is one cluster per test process, stopped when the process exits; `start()` makes a
/// private one a test may stop and start again ("PostgreSQL restarted under the daemon"). Each
/// test takes its own database from `makeDatabase()` (a cheap `CREATE DATABASE`).
///
/// Where PostgreSQL cannot run, tests guarded by `PostgresTestCluster.isRequired` are a visible
/// skip that says why; with `CI=true` they run anyway and fail, so CI never passes silently.
public final class PostgresTestCluster: @unchecked Sendable {
    /// The temporary directory holding the data directory, the socket and the server log.
    public let directory: String
    public var dataDirectory: String { directory + "/data" }
    /// The directory of the Unix socket (`.s.PGSQL.5432`): the `host` of every URI.
    public var socketDirectory: String { directory + "/socket" }
    public var logFile: String { directory + "/server.log" }
    /// The superuser `initdb` created; URIs connect as it.
    public static let superuser = "ordersync_test"
    private let binDirectory: String
    private let databaseCounter = Counter()

    private init(directory: String, binDirectory: String) {
        self.directory = directory
        self.binDirectory = binDirectory
    }

    // MARK: Availability

    /// The directory of `initdb`, `pg_ctl` and `postgres`: `$ORDERSYNC_PG_BINDIR`, else the
    /// newest `/usr/lib/postgresql/<major>/bin` (Debian's layout; `pg_config --bindir` on Debian
    /// names /usr/bin, which only has wrappers without initdb).
    public static let binDirectory: String? = {
        if let configured = ProcessInfo.processInfo.environment["ORDERSYNC_PG_BINDIR"] { return configured }
        let root = "/usr/lib/postgresql"
        let majors = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return majors.reversed().map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }()

    /// Why no cluster can be started here, nil when one can.
    public static let unavailableReason: String? = {
        guard let bin = binDirectory else {
            return "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: run ./scripts/setup --tests (package postgresql-15)"
        }
        if getuid() == 0, unprivilegedUser == nil {
            return "running as root and no unprivileged user (postgres, nobody) to run \(bin)/initdb as"
        }
        return nil
    }()

    /// The trait for tests that need PostgreSQL: a skip naming the reason locally, a failure in CI.
    public static var isRequired: ConditionTrait {
        .enabled(
            "PostgreSQL cannot be started here (install postgresql-15: ./scripts/setup --tests); with CI=true this fails instead"
        ) {
            if let reason = unavailableReason { print("⚠️ PostgreSQL tests skipped: \(reason)") }
            return unavailableReason == nil || ProcessInfo.processInfo.environment["CI"] == "true"
        }
    }

    /// The user the server runs as when the tests run as root (PostgreSQL refuses to run as root).
    static let unprivilegedUser: (name: String, uid: uid_t, gid: gid_t)? = {
        for name in ["postgres", "nobody"] {
            if let entry = getpwnam(name) { return (name, entry.pointee.pw_uid, entry.pointee.pw_gid) }
        }
        return nil
    }()

    // MARK: Life cycle

    /// The cluster of this test process, started on first use and stopped at exit.
    public static func shared() throws -> PostgresTestCluster {
        try sharedCluster.get()
    }

    private static let sharedCluster: Result<PostgresTestCluster, any Error> = Result {
        let cluster = try PostgresTestCluster.start()
        atexit { try? PostgresTestCluster.sharedCluster.get().stopAndRemove() }
        return cluster
    }

    /// A new private cluster, running. Stop it with `stopAndRemove()` (also done on deinit).
    public static func start() throws -> PostgresTestCluster {
        if let reason = unavailableReason { throw ClusterError(reason) }
        let directory = "/tmp/ordersync-pg-" + UUID().uuidString.prefix(8).lowercased()
        let cluster = PostgresTestCluster(directory: directory, binDirectory: binDirectory!)
        try cluster.create()
        try cluster.startServer()
        return cluster
    }

    deinit {
        stopAndRemove()
    }

    private func create() throws {
        for path in [directory, socketDirectory] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        if getuid() == 0, let user = Self.unprivilegedUser {
            for path in [directory, socketDirectory] { chown(path, user.uid, user.gid) }
        }
        try run("initdb", ["-D", dataDirectory, "-U", Self.superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        let settings = """

            # ordersync tests: a throwaway cluster, Unix socket only. fsync off (a killed server
            # loses nothing the OS has; only a machine crash would), but synchronous_commit stays
            # on: a commit must survive `pg_ctl stop -m immediate`, as in production.
            listen_addresses = ''
            unix_socket_directories = '\(socketDirectory)'
            port = 5432
            fsync = off
            full_page_writes = off
            shared_buffers = 16MB
            max_connections = 40
            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dataDirectory + "/postgresql.conf"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
        try handle.close()
    }

    /// Starts the server and waits until it accepts connections (`pg_ctl -w`).
    public func startServer() throws {
        try run("pg_ctl", ["start", "-D", dataDirectory, "-l", logFile, "-w", "-t", "60"])
    }

    /// Stops the server at once, like a crash (`pg_ctl stop -m immediate`): sessions are cut.
    public func stopServer() throws {
        try run("pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate", "-w"])
    }

    /// Stops the server if it runs and removes the directory; idempotent.
    public func stopAndRemove() {
        if FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") { try? stopServer() }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Password authentication for every role but the test superuser (takes effect on
    /// `SELECT pg_reload_conf()`), for tests of where passwords come from.
    public func requirePasswords() throws {
        let rules = "local all \(Self.superuser) trust\nlocal all all scram-sha-256\n"
        try Data(rules.utf8).write(to: URL(fileURLWithPath: dataDirectory + "/pg_hba.conf"))
    }

    // MARK: Databases

    /// The URI of database `name` on this cluster (no password: trust authentication).
    public func uri(database name: String) -> PostgresURI {
        // Validated like a configured URI would be; it holds no secret.
        try! PostgresURI(validating: "postgresql:///\(name)?host=\(socketDirectory)&user=\(Self.superuser)")
    }

    /// A new empty database, copied from `template1`; its URI.
    public func makeDatabase() throws -> PostgresURI {
        let name = "test_\(databaseCounter.next())_\(UUID().uuidString.prefix(6).lowercased())"
        let admin = try PostgresConnection.connect(uri(database: "postgres"), settings: PostgresSessionSettings(role: "tests"))
        try admin.executeScript("CREATE DATABASE \(name) TEMPLATE template1")
        return uri(database: name)
    }

    /// Runs one of the server's programs (as the unprivileged user when root); its output on failure.
    ///
    /// posix_spawn and waitpid, not Foundation's `Process`: `Process` learns of the child's exit
    /// from a socket the child inherits, and the server `pg_ctl start` leaves running keeps that
    /// socket open, so `waitUntilExit` would never return. The child also gets no descriptor
    /// beyond 0–2 (`closefrom`), so the server holds none of the test process's files or pipes.
    private func run(_ program: String, _ arguments: [String]) throws {
        var command = [binDirectory + "/" + program] + arguments
        if getuid() == 0, let user = Self.unprivilegedUser {
            command = ["/usr/sbin/runuser", "-u", user.name, "--"] + command
        }
        let outputPath = directory + "/\(program).out"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // glibc 2.34+; not in Swift's Glibc module (a GNU extension), so looked up by name.
        if let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
            _ = unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3)
        }
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw ClusterError("cannot start \(command[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exitCode == 0 else {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)).map { "\nserver log:\n\($0.suffix(2000))" } ?? ""
            throw ClusterError("\(command.joined(separator: " ")) exited \(exitCode):\n\(text)\(log)")
        }
    }

    public struct ClusterError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}

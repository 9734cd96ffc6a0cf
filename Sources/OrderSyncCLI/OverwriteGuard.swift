import FoundationEssentials
import Glibc
import OrderSyncCore

/// `demo` and `simulate --write-config` replace files; they refuse to replace one they did not
/// make (a production database copy, a hand-written configuration) unless `--force`.
/// What they make is recognisable by its contents: every source is a simulator source
/// (`sim-<dialect>` at a loopback `http://127.0.0.1:` URL).
enum OverwriteGuard {
    /// Why `path` must not be replaced by a demo database; nil when it is absent, empty, or a
    /// database only `demo` (or a simulator session) wrote.
    static func demoDatabaseProblem(_ path: String) -> String? {
        guard let size = fileSize(path), size > 0 else { return nil }
        let rows: [(String, String)]
        do {
            let database = try Database(path: path, options: Database.OpenOptions(readOnly: true, create: false))
            rows = try database.makeStatement("SELECT source, base_url FROM sources").query()
                .map { ($0.string(0) ?? "", $0.string(1) ?? "") }
        } catch {
            return "\(path) exists and is not a database `demo` wrote (\(error)); pass --force to replace it, or choose another --database"
        }
        let foreign = rows.filter { !isSimulatorSource(name: $0.0, baseURL: $0.1) }.map(\.0)
        guard foreign.isEmpty else {
            return "\(path) holds data of source(s) \(foreign.prefix(5).joined(separator: ", ")) that `demo` did not write; "
                + "pass --force to replace it, or choose another --database"
        }
        return nil
    }

    /// Why `path` must not be replaced by a written simulator configuration; nil when it is
    /// absent, empty, or a configuration `simulate --write-config` wrote.
    static func simulatorConfigProblem(_ path: String) -> String? {
        guard let size = fileSize(path), size > 0 else { return nil }
        let refusal = "\(path) exists and is not a configuration `simulate --write-config` wrote; pass --force to replace it, or choose another path"
        guard let data = FileManager.default.contents(atPath: path), let document = try? JSONValue.parse(Array(data)),
              case .object(let root) = document, case .array(let sources)? = root["sources"], !sources.isEmpty,
              root.members.allSatisfy({ writtenRootKeys.contains($0.key) })
        else { return refusal }
        for source in sources {
            guard case .object(let object) = source, case .string(let name)? = object["name"],
                  case .string(let baseURL)? = object["base_url"], isSimulatorSource(name: name, baseURL: baseURL),
                  object.members.allSatisfy({ writtenSourceKeys.contains($0.key) })
            else { return refusal }
        }
        return nil
    }

    /// The keys `SimulatorSources` writes: a file with any other (a `metrics` block, a
    /// `log_level`) was edited by hand, and that edit is the operator's to lose, not ours.
    private static let writtenRootKeys: Set<String> = ["database", "sources"]
    private static let writtenSourceKeys: Set<String> = [
        "name", "dialect", "base_url", "auth", "poll_interval_seconds", "start_date", "http", "status_map",
    ]

    private static func isSimulatorSource(name: String, baseURL: String) -> Bool {
        name.hasPrefix("sim-") && baseURL.hasPrefix("http://127.0.0.1:")
    }

    /// The size of what is at `path` (following a symbolic link), nil when nothing is there.
    /// Asked of `stat(2)` itself: FoundationEssentials' `attributesOfItem[.size]` is not an `Int`
    /// without Foundation loaded, so an `as? Int` cast judged every existing file absent in the
    /// shipped binary while tests running in a process that loads Foundation saw the size.
    /// Anything that is there but cannot be examined counts as present, so it is never replaced.
    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        if stat(path, &info) == 0 { return Int(info.st_size) }
        if errno == ENOENT || errno == ENOTDIR {
            // A dangling symbolic link is absent for `stat` but writing would follow it.
            return lstat(path, &info) == 0 ? Int(info.st_size) : nil
        }
        return Int.max
    }
}

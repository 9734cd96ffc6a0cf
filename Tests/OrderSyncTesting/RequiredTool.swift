import Foundation
import Testing

/// An outside program a test needs (systemd-analyze, promtool, sqlite3, setpriv…), and the rule
/// for when it is missing: on a developer's machine the test is skipped, visibly, by Swift
/// Testing's own `.enabled(if:)` trait (the runner counts and names the skip); with `CI=true`,
/// where `scripts/setup` installed every tool, the test runs anyway and `require()` fails it.
/// A `print("skipped…"); return` would pass in both places, which is the lie this replaces.
public struct RequiredTool: Sendable {
    /// What the skip and the failure call it.
    public let name: String
    /// Where to look, in order: absolute paths, or bare names looked up on PATH.
    public let candidates: [String]
    /// How to get it, for the message: "scripts/setup installs the systemd package".
    public let howToInstall: String
    /// A further condition besides the program (running as root, say), with its wording.
    public let precondition: (holds: @Sendable () -> Bool, wording: String)?

    public init(_ name: String, at candidates: [String], installedBy howToInstall: String,
                precondition: (holds: @Sendable () -> Bool, wording: String)? = nil) {
        self.name = name
        self.candidates = candidates
        self.howToInstall = howToInstall
        self.precondition = precondition
    }

    /// True in CI: `.ci/run` sets CI=true on a machine `scripts/setup` prepared.
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The program's path, or nil when it is not installed or the precondition does not hold.
    public var path: String? {
        if let precondition, !precondition.holds() { return nil }
        for candidate in candidates {
            if candidate.hasPrefix("/") {
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                continue
            }
            for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
                let path = "\(directory)/\(candidate)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// Why it is missing, and what to do.
    public var missing: String {
        let condition = precondition.map { " (or \($0.wording) does not hold)" } ?? ""
        return "\(name) is not available\(condition): \(howToInstall)"
    }

    /// The trait for a test that needs the tool: enabled when it is here, and always in CI.
    public var trait: ConditionTrait {
        .enabled(if: path != nil || Self.inCI, Comment(rawValue: "skipped: \(missing); with CI=true this is a failure"))
    }

    /// The program's path; a recorded failure (and a thrown error) when it is missing.
    @discardableResult
    public func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(path, Comment(rawValue: missing), sourceLocation: sourceLocation)
    }
}

extension RequiredTool {
    /// Runs the tool (missing: a failure, as `require()`) with `arguments` in `directory`, and
    /// returns its exit status and what it printed, stdout and stderr together.
    public func run(_ arguments: [String], in directory: String? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try require(sourceLocation: sourceLocation))
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}

extension RequiredTool {
    public static let systemdAnalyze = RequiredTool(
        "systemd-analyze", at: ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"],
        installedBy: "scripts/setup installs the Debian package systemd")
    public static let promtool = RequiredTool(
        "promtool", at: ["/usr/bin/promtool", "/usr/local/bin/promtool"],
        installedBy: "scripts/setup installs the Debian package prometheus")
    public static let sqlite3 = RequiredTool(
        "the sqlite3 shell", at: ["sqlite3"], installedBy: "scripts/setup installs the Debian package sqlite3")
    public static let zdump = RequiredTool(
        "zdump", at: ["/usr/bin/zdump", "/usr/sbin/zdump"], installedBy: "Debian's libc-bin has it")
    public static let ldd = RequiredTool("ldd", at: ["/usr/bin/ldd", "/bin/ldd"], installedBy: "Debian's libc-bin has it")
    /// Running `status` as another user needs root (CI runs as root) and setpriv (util-linux).
    public static let setprivAsRoot = RequiredTool(
        "setpriv", at: ["/usr/bin/setpriv"], installedBy: "Debian's util-linux has it; run the tests as root",
        precondition: ({ getuid() == 0 }, "running as root"))
}

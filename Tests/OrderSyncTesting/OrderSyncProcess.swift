import Foundation
import OrderSyncCore

/// The real `ordersync` binary run as a child process, for what only a process can show:
/// kill -9, signals, exit codes, what lands on stderr.
public final class OrderSyncProcess: @unchecked Sendable {
    public let process = Process()
    private let outputPath: String

    /// The `ordersync` the process tests run: `$ORDERSYNC_TEST_BINARY` when set (the README's
    /// test command builds the release binary, the one users run, and points this at it), else
    /// the debug binary `swift test` built, with a note on stderr saying so. The release build
    /// can behave differently (no Foundation loaded in-process, optimizations), and a bug only it
    /// had went unseen; with `CI=true` the variable is required.
    public static let binary: String = {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["ORDERSYNC_TEST_BINARY"], !configured.isEmpty {
            let path = configured.hasPrefix("/") ? configured : packageRoot + "/" + configured
            guard FileManager.default.isExecutableFile(atPath: path) else {
                fatalError("ORDERSYNC_TEST_BINARY=\(configured): no executable at \(path); build it (swift build -c release) or unset the variable")
            }
            return path
        }
        if environment["CI"] == "true" {
            fatalError("CI=true but ORDERSYNC_TEST_BINARY is not set: CI tests the release binary; run the README's test command")
        }
        let debug = binary(named: "ordersync")
        FileHandle.standardError.write(Data((
            "note: the process tests run the debug binary \(debug); to test the release binary users run, "
                + "use the README's test command (it sets ORDERSYNC_TEST_BINARY)\n").utf8))
        return debug
    }()

    /// The repository: three levels up from this file.
    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// `ordersync-with-sixth`: the same command line with the test-only sixth dialect registered.
    public static var binaryWithSixth: String { binary(named: "ordersync-with-sixth") }

    /// The binary that knows `dialect`: the product's for the built-in dialects, else the test one.
    public static func binary(for dialect: String) -> String {
        DialectRegistry.builtIn.contains { $0.name == dialect } ? binary : binaryWithSixth
    }

    /// An executable `swift test` built next to the test bundle.
    public static func binary(named name: String) -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot + "/.build/debug/\(name)"
    }

    /// Starts `ordersync <arguments>` (or `binary`); stdout and stderr go to one file in `directory`.
    public init(_ arguments: [String], directory: String, environment: [String: String] = [:],
                binary: String = OrderSyncProcess.binary) throws {
        outputPath = directory + "/process-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ["PATH": "/usr/bin:/bin", "HOME": directory, "XDG_CACHE_HOME": directory, "XDG_DATA_HOME": directory]
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Runs `ordersync <arguments>` to its end (killed after `timeout`): its exit status (nil
    /// when it had to be killed) and everything it printed.
    public static func run(
        _ arguments: [String], directory: String, environment: [String: String] = [:], timeout: Duration = .seconds(60)
    ) async throws -> (status: Int32?, output: String) {
        let child = try OrderSyncProcess(arguments, directory: directory, environment: environment)
        let status = await child.wait(timeout: timeout)
        if status == nil { child.signal(SIGKILL) }
        return (status, child.output)
    }

    public var pid: Int32 { process.processIdentifier }

    public func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits up to `timeout` for the process to exit; nil if it is still running then.
    public func wait(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// Everything it printed so far.
    public var output: String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}

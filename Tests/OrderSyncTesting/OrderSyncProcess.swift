import Foundation
import OrderSyncCore

/// The real `ordersync` binary run as a child process, for what only a process can show:
/// kill -9, signals, exit codes, what lands on stderr.
public final class OrderSyncProcess: @unchecked Sendable {
    public let process = Process()
    private let outputPath: String

    /// The `ordersync` binary `swift test` built next to the test bundle.
    public static var binary: String { binary(named: "ordersync") }

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
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/\(name)").path
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

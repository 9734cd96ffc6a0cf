import Foundation

/// A tool from the machine (promtool, groff, bash) run to completion with its output captured:
/// for the tests that check files the project ships with the tools that read them.
struct ExternalTool {
    /// The first executable of `candidates`, nil when none is installed.
    static func find(_ candidates: String...) -> String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Tests needing a missing tool are skipped locally and fail in CI (`CI=true`), where
    /// scripts/setup must have installed it.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The repository's root (this file is Tests/OrderSyncIntegrationTests/Operations/…).
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs `executable` with `arguments`; `input` goes to its stdin.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil, directory: String? = nil,
                    environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes concurrently so neither fills while the other is drained.
        let errData = LockedData()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errData.set(stderr.fileHandleForReading.readDataToEndOfFile())
            drained.signal()
        }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        drained.wait()
        return Result(status: process.terminationStatus, out: String(decoding: out, as: UTF8.self),
                      err: String(decoding: errData.value, as: UTF8.self))
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var value: Data { lock.withLock { data ?? Data() } }
}

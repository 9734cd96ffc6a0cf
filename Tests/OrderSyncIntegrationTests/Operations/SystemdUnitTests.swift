import Foundation
import OrderSyncTesting
import Testing

/// `systemd/ordersync.service` as systemd reads it: `systemd-analyze verify` finds nothing
/// wrong, and `systemd-analyze security --offline=yes` scores its exposure at 1.1 or better.
@Suite("systemd unit")
struct SystemdUnitTests {
    /// The shipped unit, with ExecStart pointing at the binary under test (verify checks it exists).
    func unitCopy(in directory: String) throws -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: repository.appendingPathComponent("systemd/ordersync.service"), encoding: .utf8)
        #expect(text.contains("ExecReload=/bin/kill -HUP $MAINPID"))
        let path = directory + "/ordersync.service"
        try Data(text.replacingOccurrences(of: "/usr/local/bin/ordersync", with: OrderSyncProcess.binary).utf8)
            .write(to: URL(fileURLWithPath: path))
        return path
    }

    func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        try RequiredTool.systemdAnalyze.run(arguments, in: directory)
    }

    @Test("systemd-analyze verify and security --offline=yes (exposure ≤ 1.1)", RequiredTool.systemdAnalyze.trait)
    func analyzeUnit() async throws {
        try RequiredTool.systemdAnalyze.require()
        try await withTemporaryDirectory { directory in
            let unit = try unitCopy(in: directory)
            let verify = try run(["verify", unit], in: directory)
            #expect(verify.status == 0, "\(verify.output)")
            #expect(verify.output.isEmpty, "verify has no complaint: \(verify.output)")
            let security = try run(["security", "--offline=yes", unit], in: directory)
            let line = security.output.split(separator: "\n").first { $0.contains("Overall exposure level") } ?? ""
            let score = line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
            #expect(score != nil && score! <= 1.1, "\(line)")
        }
    }
}

import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// One `run` per database: the lock file beside it names the holder.
@Suite("Hostile: one daemon per database")
struct DaemonLockTests {
    @Test func aSecondAcquireIsRefusedNamingTheHolderUntilTheFirstIsReleased() async throws {
        try await withTemporaryDirectory { directory in
            let database = directory + "/orders.db"
            let first = try DaemonLock.acquire(forDatabase: database)
            #expect(first.path == database + ".lock")
            #expect(try String(contentsOfFile: first.path, encoding: .utf8) == "\(getpid())\n")
            let mode = try FileManager.default.attributesOfItem(atPath: first.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)

            // flock conflicts between open file descriptions, so a second acquire in the same
            // process behaves as another process would.
            let error = #expect(throws: DaemonLockError.self) { try DaemonLock.acquire(forDatabase: database) }
            #expect(error?.description.hasPrefix("another ordersync run (pid \(getpid())) holds \(database).lock") == true,
                    "\(String(describing: error))")

            first.release()
            let second = try DaemonLock.acquire(forDatabase: database)
            second.release()
        }
    }
}

/// A secret file others may read works, with a warning naming the file and the key.
@Suite("Hostile: secret files on disk")
struct SecretFileModeTests {
    typealias F = ConfigFixtures

    @Test(arguments: [(0o600, false), (0o400, false), (0o640, true), (0o644, true), (0o604, true)])
    func aSecretFileOthersMayReadDrawsAWarning(mode: Int, warns: Bool) throws {
        try F.withTemporaryDirectory { directory in
            let file = directory + "/erp.token"
            try F.write("kq9-TOKEN-ON-DISK-555\n", to: file)
            #expect(chmod(file, mode_t(mode)) == 0)
            let configuration = try F.parse(F.document(SourceFixture().with("auth", #"{"token_file": "\#(file)"}"#)))
            #expect(configuration.sources[0].auth.token?.reveal == "kq9-TOKEN-ON-DISK-555")
            if warns {
                #expect(configuration.warnings == [
                    "sources[0].auth.token_file: the secret file \(file) is accessible to group or others "
                        + "(mode \(String(mode, radix: 8))); restrict it: chmod 600 \(file)",
                ])
            } else {
                #expect(configuration.warnings.isEmpty)
            }
            #expect(!configuration.warnings.joined().contains("kq9-TOKEN"))
        }
    }
}

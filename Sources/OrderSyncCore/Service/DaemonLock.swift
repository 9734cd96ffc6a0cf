import FoundationEssentials
#if canImport(Glibc)
import Glibc
import PlatformSupport
#endif

/// One `run` per database: an exclusive `flock` on `<database>.lock`, a file created `0600`
/// beside the database that holds the owner's PID as text.
///
/// Two daemons on one file would both poll every source, race each other's checkpoints and
/// double the load on every upstream. The kernel drops the lock when the process ends however it
/// ends (kill -9 included), so a stale file never blocks a restart; the file itself is left in
/// place (removing it would let a third process lock a different inode).
/// `backfill`, `status` and other one-shot commands do not take it: they may run beside a daemon.
public final class DaemonLock: @unchecked Sendable {
    /// The lock file.
    public let path: String
    private let descriptor = LockedBox<Int32>(-1)

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor.withValue { $0 = descriptor }
    }

    deinit {
        release()
    }

    /// The lock file of the database at `databasePath`.
    public static func path(forDatabase databasePath: String) -> String {
        databasePath + ".lock"
    }

    /// Takes the lock for the database at `databasePath`, or fails at once (no waiting) naming
    /// the process that holds it.
    public static func acquire(forDatabase databasePath: String) throws(DaemonLockError) -> DaemonLock {
        let path = path(forDatabase: databasePath)
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = readPID(descriptor)
            _ = Glibc.close(descriptor)
            if code == EWOULDBLOCK { throw .held(path: path, pid: holder) }
            throw .cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return DaemonLock(path: path, descriptor: descriptor)
    }

    /// Gives the lock up (closing the descriptor releases the `flock`); idempotent.
    public func release() {
        descriptor.withValue { descriptor in
            guard descriptor >= 0 else { return }
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    /// The pid of the live process that wrote the lock file of the database at `databasePath`,
    /// if that process still runs: the daemon `ordersync poll` nudges. Nil when there is no
    /// file, no pid in it, or the process is gone (the file outlives its daemon).
    public static func holder(forDatabase databasePath: String) -> Int32? {
        let descriptor = Glibc.open(path(forDatabase: databasePath), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { _ = Glibc.close(descriptor) }
        guard let pid = readPID(descriptor), pid > 0, pid != getpid() else { return nil }
        // A pid reused by another program must never receive a signal meant for the daemon.
        return isOrderSync(pid) ? pid : nil
    }

    /// Whether `pid` runs a program named `ordersync…` (from `/proc/<pid>/cmdline`).
    static func isOrderSync(_ pid: Int32) -> Bool {
        let descriptor = Glibc.open("/proc/\(pid)/cmdline", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { _ = Glibc.close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        let program = buffer[0..<count].split(separator: 0, omittingEmptySubsequences: false).first ?? []
        let name = program.split(separator: UInt8(ascii: "/")).last ?? []
        return String(decoding: name, as: UTF8.self).hasPrefix("ordersync")
    }

    /// The holder's PID as it wrote it; nil while it has not written it yet (it just locked).
    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingWhitespace())
    }
}

/// Why `run` could not become the database's one daemon.
public enum DaemonLockError: Error, CustomStringConvertible {
    /// Another process holds the lock.
    case held(path: String, pid: Int32?)
    /// The lock file could not be created or locked (permissions, a read-only directory).
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let path, let pid):
            "another ordersync run (pid \(pid.map(String.init) ?? "unknown")) holds \(path); "
                + "stop it first (one daemon per database; backfill and status may run beside it)"
        case .cannotOpen(let path, let reason):
            "cannot lock \(path): \(reason): check that this user may write to the database's directory"
        }
    }
}

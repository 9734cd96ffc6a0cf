import Foundation

/// A value guarded by a lock, so `Sendable` classes of the HTTP layer can hold mutable state
/// touched from URLSession's delegate queue, Dispatch timers and Swift tasks alike.
///
/// Critical sections are short and never wait, so a blocking lock is fine even on the
/// concurrency pool.
final class HTTPLocked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

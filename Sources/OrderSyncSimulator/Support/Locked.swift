import FoundationEssentials
import PlatformSupport

/// A value guarded by a lock, so `Sendable` classes can hold mutable state. The value must be
/// `Sendable` itself: `withLock` hands results out of the critical section.
///
/// The simulator serves connections on plain threads, not on the Swift
/// concurrency pool, so a blocking lock is the right tool: critical sections
/// are short and never wait on I/O.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = Lock()
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

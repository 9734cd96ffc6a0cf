import Synchronization

/// A value behind a lock, for the few pieces of mutable state shared across tasks and threads:
/// the one lock of the daemon and the simulator alike (Core re-exports it), built on the
/// standard library's `Synchronization.Mutex`. A class, so that the closures and objects that
/// share the state share one box; `Mutex` itself cannot be copied.
///
/// A blocking lock is the right tool here: every critical section is short and never waits on
/// I/O or awaits (the simulator serves connections on plain threads; the daemon's callers hold
/// it for a counter or a flag).
public final class LockedBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) {
        mutex = Mutex(value)
    }

    /// Runs `body` with exclusive access to the value.
    @discardableResult
    public func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try mutex.withLock { value in try body(&value) }
    }

    /// A copy of the value as it is now.
    public var current: Value { withValue { $0 } }
}

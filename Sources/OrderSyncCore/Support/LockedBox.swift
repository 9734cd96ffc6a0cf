import FoundationEssentials
import PlatformSupport

/// A value behind a lock, for the few pieces of mutable state shared across tasks and threads.
public final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = Lock()

    public init(_ value: Value) {
        self.value = value
    }

    @discardableResult
    public func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    public var current: Value { withValue { $0 } }
}

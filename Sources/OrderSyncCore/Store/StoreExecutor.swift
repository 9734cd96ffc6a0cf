import Dispatch

/// The serial executor `OrderStore` runs on: a serial dispatch queue of its own.
///
/// Why not the default actor executor: that runs actor jobs on the async runtime's cooperative
/// pool, which has one thread per core. A store call can block in SQLite for up to the busy
/// timeout (another process holds the write lock), and a page write or a reporting query can
/// take a while; on the pool that would stall every source, the scheduler and `/metrics` with
/// it. On its own queue only callers of the store wait, and they wait by suspending.
///
/// Why a hand-written executor: Linux Dispatch has no `DispatchSerialQueue` conforming to
/// `SerialExecutor`, so each job is handed to the queue here.
final class StoreExecutor: SerialExecutor {
    let queue: DispatchQueue
    private let marker = DispatchSpecificKey<ObjectIdentifier>()

    init(label: String = "ordersync.store") {
        queue = DispatchQueue(label: label)
        queue.setSpecific(key: marker, value: ObjectIdentifier(self))
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        queue.async { unowned.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    /// True on the executor's queue: in a store job, or in `run` below.
    var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) == ObjectIdentifier(self) }

    /// Lets `assumeIsolated` recognize the queue when no store job is running on it (`run`).
    func checkIsolated() {
        precondition(isCurrent, "expected to run on the store's queue (\(queue.label))")
    }

    /// Runs `body` on the queue and waits for it; inline when already there. For the few
    /// synchronous entry points (`OrderStore.close()`), never for store work from async code.
    func run<T>(_ body: () throws -> T) rethrows -> T {
        if isCurrent { return try body() }
        return try queue.sync(execute: body)
    }

    /// Runs `body` on the queue and resumes the caller with its result, without holding one of
    /// the cooperative pool's threads meanwhile (opening a database may wait for a lock).
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

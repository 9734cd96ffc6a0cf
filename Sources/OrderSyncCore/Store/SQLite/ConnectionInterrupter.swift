import CSQLite
import Glibc
import Synchronization

/// The one part of a connection another thread may touch: stopping what it is running.
///
/// A cancelled task calls `interrupt(_:)` from whatever thread cancels it, while the connection
/// works on the store's queue. Two mechanisms, because `sqlite3_interrupt` alone has gaps:
/// - `sqlite3_interrupt` stops the statement running now at its next opportunity. It is safe
///   from any thread, but not on a connection that is closed or closing, so the handle lives
///   behind a lock that `detach()` (before `sqlite3_close_v2`) clears. It is also a no-op when
///   no statement runs, and its effect ends when the running-statement count reaches zero, so a
///   cancellation landing between two statements of one call would be lost.
/// - A progress handler (every `progressInterval` virtual-machine steps) reads the flag set here
///   and interrupts every later statement of the same call, closing that gap.
///
/// Each interruptible call brackets itself with `begin()`/`end(_:)`; a token names the call, so
/// a cancellation arriving late, after its call ended, never interrupts the next one.
final class ConnectionInterrupter: @unchecked Sendable {
    /// VM steps between progress-handler calls: cheap (one uncontended lock), yet well under a
    /// millisecond between checks.
    static let progressInterval: Int32 = 1_000

    /// Guards the fields below: a `Mutex` beside them rather than owning them, because SQLite's
    /// callbacks reach them as properties through an unretained pointer to this object.
    private let lock = Mutex(())
    private var connection: OpaquePointer?
    private var call: UInt64 = 0
    private var lastCall: UInt64 = 0
    private var interrupted = false
    /// Milliseconds to wait for another process's lock (set once, before any call).
    private var busyTimeout: Int32 = 0

    /// Starts watching `handle`, and installs the progress handler on it. The handler's context
    /// is this object, unretained: the `Database` owns both and detaches before it closes.
    func attach(_ handle: OpaquePointer) {
        lock.withLock { _ in connection = handle }
        sqlite3_progress_handler(handle, Self.progressInterval, { context in
            guard let context else { return 0 }
            return Unmanaged<ConnectionInterrupter>.fromOpaque(context).takeUnretainedValue().isInterrupted ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Waits for another process's lock up to `timeout` milliseconds, as `sqlite3_busy_timeout`
    /// does, but gives up as soon as the call is interrupted: SQLite's own busy wait never looks
    /// at `sqlite3_interrupt`, so a cancelled call would sit out the whole timeout.
    func handleBusy(_ handle: OpaquePointer, timeoutMilliseconds timeout: Int32) {
        busyTimeout = timeout
        sqlite3_busy_handler(handle, { context, tries in
            guard let context else { return 0 }
            return Unmanaged<ConnectionInterrupter>.fromOpaque(context).takeUnretainedValue().keepWaiting(afterTries: tries) ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// SQLite's own back-off between tries, in milliseconds (then 100 ms each).
    private static let busyDelays: [Int32] = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]

    private func keepWaiting(afterTries tries: Int32) -> Bool {
        guard !isInterrupted else { return false }
        let delays = Self.busyDelays
        let index = Int(tries)
        let waited = index < delays.count
            ? delays[..<index].reduce(0, +)
            : delays.reduce(0, +) + Int32(index - delays.count) * 100
        guard waited < busyTimeout else { return false }
        let delay = min(index < delays.count ? delays[index] : 100, busyTimeout - waited)
        usleep(useconds_t(delay) * 1_000)
        return !isInterrupted
    }

    /// Forgets the handle; after this returns, no `sqlite3_interrupt` runs on it, and SQLite
    /// no longer calls back into this object: the handlers' context is unretained, and a
    /// statement still held elsewhere keeps the closed connection running as a zombie.
    func detach() {
        let handle = lock.withLock { _ -> OpaquePointer? in
            defer { connection = nil }
            return connection
        }
        guard let handle else { return }
        sqlite3_progress_handler(handle, 0, nil, nil)
        sqlite3_busy_handler(handle, nil, nil)
        sqlite3_busy_timeout(handle, busyTimeout)
    }

    /// Opens an interruptible call; returns its token.
    func begin() -> UInt64 {
        lock.withLock { _ in
            lastCall &+= 1
            call = lastCall
            interrupted = false
            return call
        }
    }

    /// Closes the call `token`: later interruptions for it do nothing.
    func end(_ token: UInt64) {
        lock.withLock { _ in
            guard call == token else { return }
            call = 0
            interrupted = false
        }
    }

    /// Interrupts the call `token` if it is still the one running. Safe from any thread.
    func interrupt(_ token: UInt64) {
        lock.withLock { _ in
            guard call == token, token != 0 else { return }
            interrupted = true
            if let connection { sqlite3_interrupt(connection) }
        }
    }

    /// Whether the running call was interrupted (its statements then fail with SQLITE_INTERRUPT).
    var isInterrupted: Bool { lock.withLock { _ in interrupted } }
}

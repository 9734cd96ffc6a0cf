import Dispatch
import Foundation

/// Turns SIGTERM and SIGINT into a callback: the first asks for a clean stop (the caller cancels
/// its work, which finishes or rolls back the page in hand); a second one exits at once.
///
/// `@unchecked Sendable`: the only mutable state is the list of Dispatch sources, written under
/// `lock` and only kept to hold them alive (libdispatch objects are thread-safe, though the
/// overlay does not say so).
public final class SignalWatcher: @unchecked Sendable {
    /// Signals belong to the process, so does their watcher: it lives as long as the process,
    /// and with it the Dispatch sources that would stop delivering if they were released.
    public static let shared = SignalWatcher()

    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private let received = LockedBox(0)

    private init() {}

    /// Starts watching (call once per process). `onStop` runs once, on a Dispatch queue, with the
    /// signal's name.
    /// - Parameter immediateExitCode: the status a second signal exits with.
    public func start(immediateExitCode: Int32, onStop: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "ordersync.signals")
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            // The default action would kill the process before the handler runs.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { @Sendable [received] in
                let count = received.withValue { value -> Int in
                    value += 1
                    return value
                }
                if count == 1 {
                    onStop(name)
                } else {
                    FileHandle.standardError.write(Data("second \(name): exiting now\n".utf8))
                    _exit(immediateExitCode)
                }
            }
            source.resume()
            lock.withLock { sources.append(source) }
        }
        // A closed pipe must be an error on write, not a process-killing signal.
        signal(SIGPIPE, SIG_IGN)
    }
}

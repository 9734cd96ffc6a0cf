import Dispatch
import FoundationEssentials

/// A signal the daemon reacts to.
public enum UnixSignal: Int32, Sendable, Hashable, CustomStringConvertible {
    case terminate = 15
    case interrupt = 2
    case hangup = 1
    /// `ordersync poll`'s nudge: look at the poll requests now.
    case user1 = 10

    /// The conventional name, `SIGTERM`, for log lines.
    public var description: String {
        switch self {
        case .terminate: "SIGTERM"
        case .interrupt: "SIGINT"
        case .hangup: "SIGHUP"
        case .user1: "SIGUSR1"
        }
    }
}

/// The signals a process receives, as an async sequence: no process-wide singleton, no
/// handler that exits. Each sequence owns its Dispatch signal sources (swift-service-lifecycle's
/// `UnixSignalsSequence` does the same); when the sequence and its iterators are released, the
/// sources are cancelled and the stream ends. Several sequences may watch the same signal: each
/// receives every delivery.
///
/// Watch for as long as the work runs: the commands end right after it, so what a late signal
/// does once every sequence is gone is not relied on.
public struct UnixSignals: AsyncSequence, Sendable {
    public typealias Element = UnixSignal

    private let storage: Storage

    /// Starts watching `signals`; returns once every source is registered, so a signal sent after
    /// this returns is delivered (and one sent before no longer kills the process).
    public init(_ signals: [UnixSignal]) async {
        storage = Storage(signals: Array(Set(signals)))
        await storage.register()
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(iterator: storage.stream.makeAsyncIterator(), storage: storage)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        private var iterator: AsyncStream<UnixSignal>.Iterator
        /// Keeps the sources alive as long as someone iterates.
        private let storage: Storage

        fileprivate init(iterator: AsyncStream<UnixSignal>.Iterator, storage: Storage) {
            self.iterator = iterator
            self.storage = storage
        }

        public mutating func next() async -> UnixSignal? {
            await iterator.next()
        }
    }

    /// `@unchecked Sendable`: every member is a `let`; Dispatch sources are thread-safe though
    /// the overlay does not say so.
    fileprivate final class Storage: @unchecked Sendable {
        private static let queue = DispatchQueue(label: "ordersync.signals")
        let sources: [(signal: UnixSignal, source: any DispatchSourceSignal)]
        let stream: AsyncStream<UnixSignal>
        private let continuation: AsyncStream<UnixSignal>.Continuation

        init(signals: [UnixSignal]) {
            (stream, continuation) = AsyncStream<UnixSignal>.makeStream()
            sources = signals.map { signal in
                #if canImport(Darwin)
                // kqueue delivers signals only alongside, and below, signal(3): ignore the default.
                _ = Foundation.signal(signal.rawValue, SIG_IGN)
                #endif
                // On Linux libdispatch installs its own handler when the source registers. Ignoring
                // the signal first would silently drop one that arrives before that (a stop request
                // lost); without it, such an early signal ends the process as it always would.
                return (signal, DispatchSource.makeSignalSource(signal: signal.rawValue, queue: Self.queue))
            }
            for (signal, source) in sources {
                source.setEventHandler { [continuation] in continuation.yield(signal) }
            }
            if sources.isEmpty { continuation.finish() }
        }

        func register() async {
            for (_, source) in sources {
                await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
                    source.setRegistrationHandler { registered.resume() }
                    source.resume()
                }
            }
        }

        deinit {
            // A source holds its handler until cancelled; cancelling releases both.
            for (_, source) in sources { source.cancel() }
            continuation.finish()
        }
    }
}

import FoundationEssentials
import OrderSyncCore
import PlatformSupport

/// Progress of a running backfill, sampled from counters rather than hooked into the walker:
/// the client's request count, the orders the observer saw written, and the checkpoint in the
/// store. On a terminal, one live line per source (redrawn each second); otherwise a log line
/// per source at most every `interval` (15 s by default).
struct BackfillProgressReporter: Sendable {
    let syncs: [SourceSync]
    let store: any OrderStore
    let logger: Logger
    let context: CommandContext
    let metrics: SyncMetrics
    let interval: Duration
    let live: Bool

    init(syncs: [SourceSync], store: any OrderStore, logger: Logger, context: CommandContext) {
        self.syncs = syncs
        self.store = store
        self.logger = logger
        self.context = context
        metrics = SyncMetrics(logger: logger)
        for sync in syncs { sync.attach(metrics) }
        live = context.isTerminal
        // A test knob: the interval of off-terminal progress lines, in seconds.
        let seconds = context.environment["ORDERSYNC_PROGRESS_SECONDS"].flatMap(Double.init) ?? 15
        interval = live ? .seconds(1) : .milliseconds(Int64(max(0.1, seconds) * 1000))
    }

    /// Runs `work` with progress reported beside it.
    func during<T: Sendable>(_ work: () async -> T) async -> T {
        let clock = ContinuousClock()
        let started = clock.now
        let startRequests = syncs.map(\.requestsSent)
        let sampler = Task {
            var drawn = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                let elapsed = Self.seconds(clock.now - started)
                var lines: [(text: String, metadata: Logger.Metadata)] = []
                for (index, sync) in syncs.enumerated() {
                    lines.append(await line(for: sync, requests: sync.requestsSent - startRequests[index], elapsed: elapsed))
                }
                if live {
                    // Up over what was drawn, then each line cleared and rewritten.
                    let up = drawn > 0 ? "\u{1B}[\(drawn)A" : ""
                    context.console.err(up + lines.map { "\u{1B}[2K" + $0.text }.joined(separator: "\n"))
                    drawn = lines.count
                } else {
                    for line in lines { logger.info("backfill progress", line.metadata) }
                }
            }
        }
        let result = await work()
        sampler.cancel()
        await sampler.value
        return result
    }

    private func line(for sync: SourceSync, requests: Int, elapsed: Double) async -> (text: String, metadata: Logger.Metadata) {
        let source = sync.source
        let cursor = try? await store.checkpoint(source: source.name, stream: "backfill")
        let position = BackfillPosition(cursor: cursor ?? nil, sliceDays: source.sliceDays, timezone: source.timezone)
        let orders = metrics.ordersUpserted(source.name)
        let rate = elapsed > 0 ? Double(requests) / elapsed : 0
        var metadata: Logger.Metadata = [
            "source": source.name, "orders": "\(orders)", "requests": "\(requests)",
            "requests_per_second": String.fixed(rate, fractionDigits: 1),
        ]
        var text = "\(source.name): "
        if let position {
            metadata["windows"] = "\(position.windowsDone)/\(position.windowsTotal)"
            if let page = position.page { metadata["page"] = "\(page)" }
            text += "windows \(position.windowsDone)/\(position.windowsTotal), \(position.position), "
            if position.windowsDone > 0, position.windowsDone < position.windowsTotal {
                let eta = elapsed * Double(position.windowsTotal - position.windowsDone) / Double(position.windowsDone)
                metadata["eta_seconds"] = "\(Int(eta))"
            }
        }
        text += "\(orders) orders, \(String.fixed(rate, fractionDigits: 1)) requests/s"
        if let eta = metadata["eta_seconds"] { text += ", ETA \(eta) s" }
        return (text, metadata)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

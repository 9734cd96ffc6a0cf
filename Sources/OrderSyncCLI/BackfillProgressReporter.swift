import FoundationEssentials
import OrderSyncCore
import PlatformSupport

/// Progress of a running backfill, sampled from what is written rather than hooked into the
/// walker: orders, requests and dates from the sync's events (`BackfillTally`), the window from
/// the checkpoint in the store. On a terminal, one live line per source (redrawn each second);
/// otherwise a log line per source at most every `interval` (15 s by default). A finished
/// source's line says done and stops changing.
struct BackfillProgressReporter: Sendable {
    let syncs: [SourceSync]
    let store: any OrderStore
    let logger: Logger
    let context: CommandContext
    let tally = BackfillTally()
    let interval: Duration
    let live: Bool

    init(syncs: [SourceSync], store: any OrderStore, logger: Logger, context: CommandContext) {
        self.syncs = syncs
        self.store = store
        self.logger = logger
        self.context = context
        for sync in syncs { sync.attach(tally) }
        live = context.isTerminal
        // A test knob: the interval of off-terminal progress lines, in seconds.
        let seconds = context.environment["ORDERSYNC_PROGRESS_SECONDS"].flatMap(Double.init) ?? 15
        interval = live ? .seconds(1) : .milliseconds(Int64(max(0.1, seconds) * 1000))
    }

    /// Runs `work` with progress reported beside it.
    func during<T: Sendable>(_ work: () async -> T) async -> T {
        let clock = ContinuousClock()
        let started = clock.now
        let sampler = Task {
            var drawn = 0
            var estimates = syncs.map { _ in BackfillEstimate() }
            var finalLines: [Int: (text: String, metadata: Logger.Metadata)] = [:]
            // Once more after the work ended, so that every source's done line is reported.
            var last = false
            while !last {
                try? await Task.sleep(for: interval)
                last = Task.isCancelled
                let elapsed = Self.seconds(clock.now - started)
                var lines: [(text: String, metadata: Logger.Metadata)] = []
                var newlyDone: Set<Int> = []
                for (index, sync) in syncs.enumerated() {
                    if let done = finalLines[index] {
                        lines.append(done)
                        continue
                    }
                    let line = await line(for: sync, elapsed: elapsed, estimate: &estimates[index])
                    if line.metadata["done"] == "true" {
                        finalLines[index] = line
                        newlyDone.insert(index)
                    }
                    lines.append(line)
                }
                if live {
                    // Up over what was drawn, then each line cleared and rewritten.
                    let up = drawn > 0 ? "\u{1B}[\(drawn)A" : ""
                    context.console.err(up + lines.map { "\u{1B}[2K" + $0.text }.joined(separator: "\n"))
                    drawn = lines.count
                } else {
                    // A finished source is logged once, when it finishes.
                    for (index, line) in lines.enumerated() where finalLines[index] == nil || newlyDone.contains(index) {
                        logger.info("backfill progress", line.metadata)
                    }
                }
            }
        }
        let result = await work()
        sampler.cancel()
        await sampler.value
        return result
    }

    private func line(for sync: SourceSync, elapsed: Double, estimate: inout BackfillEstimate) async
        -> (text: String, metadata: Logger.Metadata)
    {
        let source = sync.source
        let counts = tally.counts(source.name)
        let cursor = try? await store.checkpoint(source: source.name, stream: "backfill")
        let position = BackfillPosition(cursor: cursor ?? nil, sliceDays: source.sliceDays, timezone: source.timezone)
        let seconds = counts.elapsed.map(Self.seconds) ?? elapsed
        let rate = seconds > 0 ? Double(counts.orders) / seconds : 0
        var metadata: Logger.Metadata = [
            "source": source.name, "orders": "\(counts.orders)", "requests": "\(counts.requests)",
            "orders_per_second": String.fixed(rate, fractionDigits: 1),
        ]
        var text = "\(source.name): "
        let day = { (instant: Instant) in instant.dateText(in: source.timezone) }
        var range = ""
        if let position {
            let lastDay = day(position.windowTo.adding(seconds: -1))
            range = "\(position.since)…\(lastDay)"
            (metadata["range_from"], metadata["range_to"]) = (position.since, lastDay)
        }
        if let report = counts.finished {
            metadata["done"] = "true"
            metadata["outcome"] = report.outcome.rawValue
            text += report.outcome == .ok ? "done" : "stopped (\(report.outcome.rawValue))"
            if !range.isEmpty { text += ", \(range)" }
            text += ", \(counts.orders) orders, \(counts.requests) requests in \(String.fixed(seconds, fractionDigits: 1)) s"
            return (text, metadata)
        }
        // How far along the range, 0…1, and the date reached.
        var fraction: Double?
        if let position {
            let span = Double(max(1, position.windowTo.secondsSinceEpoch - position.rangeStart.secondsSinceEpoch))
            if sync.backfillScansNewestFirst {
                // Newest first: the oldest order written so far is how far down the scan got.
                text += "scanning newest first"
                if let oldest = counts.oldestOrderedAt {
                    let reached = max(oldest, position.rangeStart)
                    fraction = Double(position.windowTo.secondsSinceEpoch - reached.secondsSinceEpoch) / span
                    metadata["reached"] = day(reached)
                    text += ", reached \(day(reached)) of \(range)"
                } else {
                    text += " over \(range)"
                }
                if let page = position.page { text += " (page \(page))" }
            } else if position.sliceFrom > position.rangeStart {
                let through = day(position.sliceFrom.adding(seconds: -1))
                fraction = Double(position.sliceFrom.secondsSinceEpoch - position.rangeStart.secondsSinceEpoch) / span
                metadata["through"] = through
                text += "through \(through) of \(range)"
            } else {
                fraction = 0
                text += "starting \(range)"
            }
        } else {
            text += "starting"
        }
        text += ", \(counts.orders) orders, \(counts.requests) requests, \(String.fixed(rate, fractionDigits: 1)) orders/s"
        if let fraction, let eta = estimate.secondsLeft(fraction: min(1, max(0, fraction)), orders: counts.orders, at: elapsed) {
            metadata["eta_seconds"] = "\(eta)"
            text += ", ETA \(eta) s"
        }
        return (text, metadata)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

import FoundationEssentials
import Glibc

/// The daemon's side of `ordersync poll`: every `checkEvery` (a cheap indexed read) and at once
/// on SIGUSR1, takes the waiting `poll_requests` for the sources this daemon polls and wakes
/// those sources (`PollScheduler.pollNow`). The request is the truth, the signal only a nudge:
/// a lost or early signal costs at most one check interval, and a daemon elsewhere that shares
/// the database (one day) takes the requests for its own sources the same way.
public final class PollRequestWatcher: Sendable {
    let store: OrderStore
    let scheduler: PollScheduler
    let logger: Logger
    let checkEvery: Duration
    private let nudge = PollWakeup()

    public init(store: any OrderStore, scheduler: PollScheduler, logger: Logger, checkEvery: Duration = .seconds(2)) {
        self.store = store
        self.scheduler = scheduler
        self.logger = logger
        self.checkEvery = checkEvery
    }

    /// Call before taking the daemon lock (whose file names the pid `ordersync poll` signals):
    /// until `run` watches SIGUSR1, one sent early is ignored instead of ending the process
    /// (its default action). The request it announced is still taken at the next check.
    public static func ignoreEarlySignals() {
        _ = Glibc.signal(SIGUSR1, SIG_IGN)
    }

    /// Checks until cancelled.
    public func run() async {
        let signals = await UnixSignals([.user1])
        let listener = Task { [nudge] in
            for await _ in signals { nudge.wake() }
        }
        defer { listener.cancel() }
        while !Task.isCancelled {
            await check()
            guard await nudge.wait(checkEvery, sleeper: { try await Task.sleep(for: $0) }) else { return }
        }
    }

    /// Takes the waiting requests of this daemon's sources and wakes them.
    func check() async {
        let names = scheduler.sourceNames
        do {
            let taken = try await store.takePollRequests(sources: names)
            for (source, ids) in taken.sorted(by: { $0.key < $1.key }) {
                logger.notice("poll requested; polling now", ["source": source, "requests": ids.map(String.init).joined(separator: ",")])
                scheduler.pollNow(source, answering: ids)
            }
        } catch is CancellationError {
            return
        } catch {
            logger.warning("cannot read poll requests; trying again at the next check", ["error": "\(error)"])
        }
    }

    /// Records how the poll that answered `ids` ended, for the `ordersync poll` waiting on them
    /// (the scheduler's `onRequestsAnswered`).
    public static func answered(_ ids: [Int64], report: RunReport, store: any OrderStore, logger: Logger) async {
        do {
            try await store.finishPollRequests(ids, runID: report.runID, outcome: report.outcome)
        } catch {
            logger.warning("cannot record the answer to poll requests", ["requests": ids.map(String.init).joined(separator: ","), "error": "\(error)"])
        }
    }
}

import OrderSyncCore

/// What the command line does with signals: the first SIGTERM/SIGINT asks the work to stop
/// cleanly (it finishes or rolls back the page in hand); a second one ends the process at once
/// with `immediateExit`, saying so on stderr. SIGHUP, when the command handles it, reloads.
enum SignalHandling {
    /// Starts watching; signals sent after this returns are handled. Cancel the returned task
    /// when the work is over.
    static func watch(
        context: CommandContext, immediateExit: ExitCode, onReload: (@Sendable () async -> Void)? = nil,
        onStop: @escaping @Sendable (UnixSignal) -> Void
    ) async -> Task<Void, Never> {
        let signals = await UnixSignals(onReload == nil ? [.terminate, .interrupt] : [.terminate, .interrupt, .hangup])
        let reloads = ReloadQueue()
        return Task {
            var stops = 0
            for await signal in signals {
                if signal == .hangup, let onReload {
                    reloads.submit(onReload)
                    continue
                }
                stops += 1
                if stops == 1 {
                    onStop(signal)
                } else {
                    context.console.err("second \(signal): exiting now")
                    context.exitNow(immediateExit)
                }
            }
        }
    }
}

/// Runs reloads one after another, off the signal loop, so a stop signal is handled while a
/// reload waits for a source to finish its page.
private final class ReloadQueue: Sendable {
    private let last = LockedBox<Task<Void, Never>?>(nil)

    func submit(_ reload: @escaping @Sendable () async -> Void) {
        last.withValue { last in
            let previous = last
            last = Task {
                await previous?.value
                await reload()
            }
        }
    }
}

import FoundationEssentials
import OrderSyncCore
import Glibc

/// SIGHUP: read the configuration again and apply what changed, source by source.
extension Daemon {
    /// Validates the whole file first; an invalid one changes nothing (its errors are logged).
    /// Otherwise added sources start, removed ones stop (after the page in hand), changed ones
    /// restart with their new settings, and the others are not touched.
    func reload() async {
        notifier.send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
        defer { notifier.ready(status: metrics.summary()) }
        logger.notice("received SIGHUP; reloading the configuration")
        let new: Configuration
        let environment: SyncEnvironment
        do {
            new = try context.loadConfiguration(arguments)
            environment = try await SyncEnvironment(configuration: new, store: store, logger: logger)
        } catch let error as ConfigError {
            for problem in error.all {
                logger.error("configuration reload refused; the previous configuration stays in force", ["problem": problem.description])
            }
            return
        } catch {
            logger.error("configuration reload failed; the previous configuration stays in force", ["error": "\(error)"])
            return
        }
        let old = configuration.current
        for (key, changed) in [("database", old.database != new.database), ("metrics", old.metrics != new.metrics),
                               ("log_level", old.logLevel != new.logLevel), ("log_format", old.logFormat != new.logFormat)]
        where changed {
            logger.warning("a change of \(key) takes effect only after a restart (systemctl restart ordersync)")
        }
        let before = Dictionary(uniqueKeysWithValues: old.sources.filter(\.enabled).map { ($0.name, $0) })
        let after = Dictionary(uniqueKeysWithValues: environment.syncs.map { ($0.source.name, $0) })
        var added: [String] = [], removed: [String] = [], changed: [String] = []
        for name in before.keys.sorted() where after[name] == nil {
            await scheduler.remove(name)
            metrics.forget(name)
            removed.append(name)
        }
        for (name, sync) in after.sorted(by: { $0.key < $1.key }) {
            guard let previous = before[name] else {
                await watchAndStart(sync)
                added.append(name)
                continue
            }
            if !Self.sameSettings(previous, sync.source) {
                await scheduler.remove(name)
                await watchAndStart(sync)
                changed.append(name)
            }
        }
        configuration.withValue { $0 = new }
        logger.notice("configuration reloaded", [
            "added": added.joined(separator: ","), "removed": removed.joined(separator: ","),
            "changed": changed.joined(separator: ","), "sources": scheduler.sourceNames.joined(separator: ","),
        ])
    }

    private func watchAndStart(_ sync: SourceSync) async {
        await watch(sync)
        scheduler.add(sync)
    }

    /// Equal settings, where a defaulted `start_date` (30 days before the load) does not count:
    /// it moves every day without anyone changing the file.
    static func sameSettings(_ old: SourceConfiguration, _ new: SourceConfiguration) -> Bool {
        if old == new { return true }
        guard old.startDateWasDefaulted, new.startDateWasDefaulted else { return false }
        return old.with(startDate: new.startDate) == new
    }

    /// `CLOCK_MONOTONIC` in microseconds, which systemd wants beside `RELOADING=1`.
    static func monotonicMicroseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000 + UInt64(time.tv_nsec) / 1000
    }
}

private extension SourceConfiguration {
    func with(startDate: String) -> SourceConfiguration {
        SourceConfiguration(
            name: name, dialect: dialect, baseURL: baseURL, auth: auth, enabled: enabled, pollIntervalSeconds: pollIntervalSeconds,
            startDate: startDate, startDateWasDefaulted: startDateWasDefaulted, pageSize: pageSize, timezone: timezone,
            currency: currency, statusMap: statusMap, lookbackSeconds: lookbackSeconds, sliceDays: sliceDays,
            verifyIntervalHours: verifyIntervalHours, http: http,
            options: options)
    }
}

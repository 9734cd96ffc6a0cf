import FoundationEssentials

/// `ordersync verify`: compares what the upstream holds now (ids and raw statuses, from list
/// pages only) with the database, window by window, and with `repair` re-syncs exactly what
/// differs and flags orders the upstream no longer has. This is what catches what the dialects'
/// change filters hide: status changes of orders already terminal, and deletions.
extension SourceSync {
    /// An order as the upstream's lists show it. The list item is kept only when it differs
    /// from the database (the repair needs it): memory stays bounded by the differences.
    private struct Listed {
        var status: String?
        var window: String
        var item: JSONValue?
    }

    /// A date slice of the walk, to attribute a stored order to by its `ordered_at`.
    private struct Slice {
        var label: String
        var from: Instant
        var to: Instant

        func contains(_ instant: Instant) -> Bool { from <= instant && instant < to }
    }

    public func verify(repair: Bool) async -> VerifyReport {
        var report = VerifyReport(source: source.name, run: RunReport(runID: 0, outcome: .failed, requests: 0, written: PageWriteSummary(), error: nil))
        let run = await record(.verify, ignoreStoredDigests: true) { run in
            try await verify(repair: repair, run: run, into: &report)
        }
        report.run = run
        return report
    }

    private func verify(repair: Bool, run: SyncRun, into report: inout VerifyReport) async throws {
        let plan = adapter.verification
        // What the database holds, read before the walk: an order a poll stores meanwhile is
        // then "missing here" at worst, and a repair of it is a harmless upsert.
        let stored = try await inStore(await store.sightings(source: source.name))
        var listed: [String: Listed] = [:]
        func collect(_ records: [JSONValue], window: String) {
            for record in records {
                guard let item = record.objectValue, let id = adapter.identity(of: item), listed[id] == nil else { continue }
                let status = plan.status(item, run.context)
                let equal = stored[id].map { $0.deletedUpstreamAt == nil && !statusDiffers(upstream: status, stored: $0) } ?? false
                listed[id] = Listed(status: status, window: window, item: equal ? nil : record)
            }
        }
        let earliest = try await inStore(await store.earliestOrderedAt(source: source.name))
        var slices: [Slice] = []
        var fullScan = false
        switch plan.listing {
        case .dateWindow(let stream):
            let from = min(startInstant, earliest ?? startInstant)
            var sliceStart = stream.granularity == .day ? startOfDay(from) : from
            while sliceStart < run.startedAt {
                let bounds = WindowBounds(from: sliceStart, to: min(run.startedAt, sliceEnd(after: sliceStart)), timeZone: source.timezone)
                let label = "\(bounds.firstDay.dateText)..\(bounds.lastDay.dateText)"
                try await walker.walk(query: stream.query(bounds), from: adapter.list.pagination.start) { page in
                    collect(page.records, window: label)
                    return true
                }
                slices.append(Slice(label: label, from: bounds.from, to: bounds.to))
                sliceStart = bounds.to
            }
        case .descendingScan(let stream):
            fullScan = true
            try await walker.walk(query: stream.query, from: adapter.list.pagination.start) { page in
                collect(page.records, window: "all")
                return true
            }
        }
        for query in plan.extraQueries {
            try await walker.walk(query: query, from: adapter.list.pagination.start) { page in
                collect(page.records, window: "undated")
                return true
            }
        }

        report.upstreamOrders = listed.count
        report.storedOrders = stored.values.filter { $0.deletedUpstreamAt == nil }.count
        var windows: [String: VerifyReport.Window] = [:]
        func note(_ id: String, in label: String, _ kind: WritableKeyPath<VerifyReport.Window, [String]>) {
            windows[label, default: VerifyReport.Window(label: label)][keyPath: kind].append(id)
        }
        for (id, seen) in listed {
            if let here = stored[id], here.deletedUpstreamAt == nil {
                if statusDiffers(upstream: seen.status, stored: here) { note(id, in: seen.window, \.statusDiffers) }
            } else {
                note(id, in: seen.window, \.missingHere)
            }
        }
        // Stored orders the lists did not show: gone, or only out of the listing's sight.
        var candidates: [String] = []
        for (id, here) in stored where listed[id] == nil && here.deletedUpstreamAt == nil {
            // Stored after this pass began (by a poll beside it) says nothing about the listing.
            // Times are whole seconds: the second the pass began still counts as before it.
            guard let firstSeen = here.firstSeenAt, firstSeen <= run.startedAt else { continue }
            let covered = fullScan || slices.contains { here.orderedAt.map($0.contains) ?? false }
            if covered || !plan.lookup.isNone { candidates.append(id) }
        }
        let confirmation = try await confirm(candidates.sorted(), stored: stored, plan: plan, run: run)
        report.unverified = idOrder(confirmation.unverified)
        for id in confirmation.gone {
            note(id, in: stored[id]?.orderedAt.flatMap { at in slices.first { $0.contains(at) }?.label } ?? (fullScan ? "all" : "undated"), \.goneUpstream)
        }
        for (id, status) in confirmation.statuses where stored[id].map({ statusDiffers(upstream: status, stored: $0) }) ?? true {
            note(id, in: "looked up", \.statusDiffers)
        }
        let order = slices.map(\.label) + ["all", "undated", "looked up"]
        report.windows = windows.values
            .map { window in
                var sorted = window
                (sorted.missingHere, sorted.goneUpstream, sorted.statusDiffers) =
                    (idOrder(window.missingHere), idOrder(window.goneUpstream), idOrder(window.statusDiffers))
                return sorted
            }
            .sorted { (order.firstIndex(of: $0.label) ?? .max, $0.label) < (order.firstIndex(of: $1.label) ?? .max, $1.label) }
        guard repair, report.differences > 0 else { return }

        // Repair: re-sync what is missing or differs (details, lines, invoices), flag what is gone.
        let resync = report.windows.flatMap { $0.missingHere + $0.statusDiffers }
        let items = resync.compactMap { listed[$0]?.item } + confirmation.items
        for start in stride(from: 0, to: items.count, by: 100) {
            try await commit(Array(items[start..<min(start + 100, items.count)]), stream: "verify", checkpoint: nil, run: run)
        }
        if !confirmation.records.isEmpty {
            var batch = PageBatch(source: source.name, stream: "verify", writtenAt: now())
            for (_, record) in confirmation.records.sorted(by: { $0.key < $1.key }) {
                run.pipeline.file(record, digest: nil, stream: "verify", into: &batch)
            }
            try await write(batch, run: run)
        }
        let gone = report.windows.flatMap(\.goneUpstream)
        if !gone.isEmpty {
            let at = now()
            _ = try await inStore(await store.markDeletedUpstream(source: source.name, orderIDs: gone, at: at))
        }
        for case .childSweep(let sweep) in adapter.pollStreams where !resync.isEmpty {
            try await sweepChildren(sweep, of: resync, run: run)
        }
        report.repaired = true
        report.unresolved = try await unresolved(report, listed: listed, lookedUp: confirmation.statuses)
        logRepairs(report)
    }

    /// What the lookup of stored orders the lists did not show found out.
    private struct Confirmation {
        /// Orders the upstream says (or, without a lookup, the listing shows) it no longer has.
        var gone: [String] = []
        /// Raw statuses of the orders found after all.
        var statuses: [String: String] = [:]
        /// Orders whose lookup failed (refused, timed out, unmappable): neither gone nor found.
        var unverified: [String] = []
        /// List items (list-query lookups) and detail records (detail lookups) to repair from.
        var items: [JSONValue] = []
        var records: [String: JSONValue] = [:]
    }

    private func confirm(
        _ candidates: [String], stored: [String: OrderStore.StoredSighting], plan: VerifyPlan, run: SyncRun
    ) async throws -> Confirmation {
        var result = Confirmation()
        guard !candidates.isEmpty else { return result }
        switch plan.lookup {
        case .none:
            result.gone = candidates
        case .detail:
            let (found, missing) = try await run.pipeline.lookUp(candidates)
            result.gone = candidates.filter(missing.contains)
            result.unverified = candidates.filter { !missing.contains($0) && found[$0] == nil }
            for (id, record) in found {
                guard let order = try? adapter.mapOrder(record, context: run.context) else { result.unverified.append(id); continue }
                result.statuses[id] = order.statusRaw
                if stored[id].map({ statusDiffers(upstream: order.statusRaw, stored: $0) }) ?? true { result.records[id] = record }
            }
        case .listQueries(let queries):
            let wanted = Set(candidates)
            let orders = candidates.map { KnownOrder(id: $0, orderedAt: stored[$0]?.orderedAt) }
            for query in queries(orders) {
                try await walker.walk(query: query, from: adapter.list.pagination.start) { page in
                    for record in page.records {
                        guard let item = record.objectValue, let id = adapter.identity(of: item), wanted.contains(id),
                              result.statuses[id] == nil else { continue }
                        let status = plan.status(item, run.context) ?? stored[id]?.statusRaw ?? ""
                        result.statuses[id] = status
                        if stored[id].map({ statusDiffers(upstream: status, stored: $0) }) ?? true { result.items.append(record) }
                    }
                    return true
                }
            }
            result.gone = candidates.filter { result.statuses[$0] == nil }
        }
        return result
    }

    /// The differences still there after a repair.
    private func unresolved(_ report: VerifyReport, listed: [String: Listed], lookedUp: [String: String]) async throws -> [String] {
        let after = try await inStore(await store.sightings(source: source.name))
        var left: [String] = []
        for window in report.windows {
            for id in window.missingHere + window.statusDiffers {
                guard let here = after[id], here.deletedUpstreamAt == nil else { left.append(id); continue }
                if statusDiffers(upstream: listed[id]?.status ?? lookedUp[id], stored: here) { left.append(id) }
            }
            left += window.goneUpstream.filter { after[$0]?.deletedUpstreamAt == nil }
        }
        return idOrder(left)
    }

    /// Whether the stored status disagrees with the upstream's: its raw status differs, or the
    /// stored canonical `status` is not what the current `status_map` makes of it (the map
    /// changed, a mapping was fixed, the row was damaged). Without a raw status from upstream
    /// (a list that carries none) the stored raw status stands in for it.
    private func statusDiffers(upstream: String?, stored: OrderStore.StoredSighting) -> Bool {
        let raw = upstream ?? stored.statusRaw
        if raw != stored.statusRaw { return true }
        guard let mapping = adapter.statusMapping else { return false }
        return mapping.status(for: raw).rawValue != stored.status
    }

    /// Ids as a person reads them: numerically where they are numbers (2 before 10).
    private func idOrder(_ ids: [String]) -> [String] {
        ids.sorted { ($0.count, $0) < ($1.count, $1) }
    }

    private func logRepairs(_ report: VerifyReport) {
        var lines = 0
        for window in report.windows {
            for (kind, ids) in [("missing here", window.missingHere), ("gone upstream", window.goneUpstream), ("status differed", window.statusDiffers)] {
                for id in ids where lines < 100 {
                    logger.warning("verify repaired a difference", ["window": window.label, "difference": kind, "order_id": id])
                    lines += 1
                }
            }
        }
        if report.differences > lines {
            logger.warning("verify repaired more differences than logged one by one", ["differences": "\(report.differences)"])
        }
        if !report.unresolved.isEmpty {
            logger.error("verify could not settle every difference", [
                "unresolved": "\(report.unresolved.count)", "examples": report.unresolved.prefix(5).joined(separator: ","),
            ])
        }
    }
}

extension OpenOrderRefreshStream.LeaverRecheck {
    var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

/// The daemon's own verify pass (`verify_interval_hours`).
extension SourceSync {
    /// Verifies and repairs the source when its last verify is `verify_interval_hours` old (or,
    /// never verified, when the daemon has run that long). Sources start at different offsets
    /// within the first hour of an interval, so they do not all verify at once. Nil when not due.
    public func verifyIfDue(since daemonStart: Instant) async -> VerifyReport? {
        let hours = source.verifyIntervalHours
        guard hours > 0 else { return nil }
        let last = try? await inStore(await store.lastRunStart(source: source.name, kind: .verify))
        let interval = Int64(hours) * 3_600
        let spread = Int64(Fingerprint.of(source.name).utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF }) % min(interval, 3_600)
        let due = (last ?? daemonStart).adding(seconds: interval + (last == nil ? spread : 0))
        guard now() >= due else { return nil }
        let report = await verify(repair: true)
        if report.differences > 0 || report.run.outcome != .ok {
            logger.warning("verify pass", [
                "differences": "\(report.differences)", "unresolved": "\(report.unresolved.count)", "outcome": report.run.outcome.rawValue,
            ])
        }
        return report
    }
}

import FoundationEssentials

/// `ordersync resync`: reads given orders again now (detail, lines, invoices), whatever their
/// cursors say, and reports what changed.
extension SourceSync {
    public func resync(_ orderIDs: [String]) async -> ResyncReport {
        let ids = Array(Set(orderIDs)).sorted()
        var found = Set<String>()
        let before = (try? await inStore(await store.snapshots(source: source.name, orderIDs: ids))) ?? [:]
        let run = await record(.resync, ignoreStoredDigests: true) { run in
            let plan = adapter.verification
            switch plan.lookup {
            case .none:
                throw SyncError.unexpectedShape(path: adapter.list.path, "the \(source.dialect) dialect cannot look an order up by id")
            case .detail:
                let (records, _) = try await run.pipeline.lookUp(ids)
                var batch = PageBatch(source: source.name, stream: "resync", writtenAt: now())
                for (id, record) in records.sorted(by: { $0.key < $1.key }) {
                    found.insert(id)
                    run.pipeline.file(record, digest: nil, stream: "resync", into: &batch)
                }
                try await write(batch, run: run)
            case .listQueries(let queries):
                let wanted = Set(ids)
                let known = ids.map { KnownOrder(id: $0, orderedAt: before[$0]?.orderedAt) }
                for query in queries(known) {
                    try await walker.walk(query: query, from: adapter.list.pagination.start) { page in
                        let mine = page.records.filter { record in
                            guard let id = record.objectValue.flatMap(adapter.identity(of:)), wanted.contains(id) else { return false }
                            return found.insert(id).inserted
                        }
                        try await commit(mine, stream: "resync", checkpoint: nil, run: run)
                        return true
                    }
                }
            }
            for case .childSweep(let sweep) in adapter.pollStreams where !found.isEmpty {
                try await sweepChildren(sweep, of: found.sorted(), run: run)
            }
        }
        let after = (try? await inStore(await store.snapshots(source: source.name, orderIDs: ids))) ?? [:]
        let results = ids.map { id -> ResyncReport.Result in
            guard run.outcome == OrderStore.RunOutcome.ok else { return .init(orderID: id, change: .notRead) }
            guard found.contains(id) else { return .init(orderID: id, change: .notFoundUpstream) }
            guard let now = after[id] else { return .init(orderID: id, change: .rejected) }
            guard let was = before[id] else { return .init(orderID: id, change: .added(status: now.statusRaw)) }
            if was.statusRaw != now.statusRaw { return .init(orderID: id, change: .statusChanged(from: was.statusRaw, to: now.statusRaw)) }
            return .init(orderID: id, change: was.raw == now.raw ? .unchanged : .updated)
        }
        return ResyncReport(source: source.name, run: run, results: results)
    }
}

/// What `resync` did to each order asked for.
public struct ResyncReport: Sendable {
    public struct Result: Sendable, Equatable {
        public enum Change: Sendable, Hashable {
            case added(status: String)
            case statusChanged(from: String, to: String)
            /// Same status, other content (amounts, lines, dates).
            case updated
            case unchanged
            /// The upstream does not have it (or, for list lookups, does not show it).
            case notFoundUpstream
            /// Read, but it could not be stored: see `rejected_records`.
            case rejected
            /// The run failed before it could be read.
            case notRead
        }

        public var orderID: String
        public var change: Change
    }

    public var source: String
    public var run: RunReport
    public var results: [Result]
}

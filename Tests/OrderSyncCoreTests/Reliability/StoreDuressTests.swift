import Testing

@testable import OrderSyncCore

/// A page write is all or nothing whatever goes wrong underneath it: a lock held by another
/// process, a full disk, a row SQLite refuses. Afterwards the tables are exactly as before,
/// the checkpoint has not moved, and the same connection writes the page once the cause is gone.
@Suite("Reliability: the store under duress")
struct StoreDuressTests {
    typealias Fixture = DuressDatabase

    @Test func aLockHeldByAnotherConnectionFailsAsBusyAndWritesNothing() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore(busyTimeout: .milliseconds(100))
            let batch = Fixture.batch([Fixture.order("1"), Fixture.order("2")], rejected: 1, checkpoint: "c1")
            let before = try fixture.snapshot()

            let locker = try Database(path: fixture.path)
            try locker.execute("BEGIN IMMEDIATE")
            let error = await #expect(throws: SQLiteError.self) { try await store.write(batch) }
            #expect(error?.isBusy == true, "\(String(describing: error))")
            #expect(try fixture.snapshot() == before)
            try locker.execute("ROLLBACK")

            try await store.write(batch)
            let after = try fixture.snapshot()
            #expect(after.orders == 2 && after.lines == 2 && after.history == 2 && after.rejected == 1)
            #expect(after.checkpoint == "c1")
        }
    }

    @Test func aFullDiskRollsThePageBackAndTheStoreRecovers() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore()
            try await store.write(Fixture.batch([Fixture.order("0")], checkpoint: "c1"))
            let before = try fixture.snapshot()
            // A few pages of room: the big page below needs hundreds.
            try await store.withDatabase { db in
                let pages = try db.makeStatement("PRAGMA page_count").scalar()?.intValue ?? 0
                _ = try db.makeStatement("PRAGMA max_page_count = \(pages + 4)").scalar()
            }
            let big = Fixture.batch(
                (1...200).map { Fixture.order("\($0)", lines: 3, rawBytes: 4_000) }, rejected: 5, checkpoint: "c2")

            let error = await #expect(throws: SQLiteError.self) { try await store.write(big) }
            #expect(error?.isFull == true, "\(String(describing: error))")
            #expect(error?.description.contains("database or disk is full") == true, "\(String(describing: error))")
            // Wrapped the way a sync reports it, the operator still reads what happened.
            #expect(error.map { SyncError.store($0).description.contains("database \(fixture.path): SQLite error 13") } == true)
            #expect(error.map { SyncError.store($0).description.contains("free space on the database's volume") } == true)
            #expect(try fixture.snapshot() == before)

            try await store.withDatabase { db in _ = try db.makeStatement("PRAGMA max_page_count = 1000000").scalar() }
            try await store.write(big)
            let after = try fixture.snapshot()
            #expect(after.orders == 201 && after.lines == 601 && after.rejected == 5 && after.checkpoint == "c2")
        }
    }

    @Test func aDatabaseFromANewerOrdersyncIsRefusedUntouched() async throws {
        try await Fixture.with { fixture in
            do {
                let store = try await fixture.openStore()
                try await store.withDatabase { db in try db.execute("PRAGMA user_version = 99") }
            }
            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: fixture.path) }
            let text = error?.description ?? ""
            #expect(text.contains("written by a newer ordersync"), "\(text)")
            #expect(text.contains(fixture.path) && text.contains("99"), "\(text)")
            // Refused before anything ran against it.
            let db = try Database(path: fixture.path, options: Database.OpenOptions(readOnly: true, create: false))
            #expect(try db.makeStatement("PRAGMA user_version").scalar()?.intValue == 99)
        }
    }

    @Test func aRowSQLiteRefusesLeavesNothingOfItsPage() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore()
            try await store.write(Fixture.batch([Fixture.order("A")], checkpoint: "c1"))
            let before = try fixture.snapshot()

            // The first order changes status (an update and a history row), the second carries a
            // NaN quantity: SQLite binds NaN as NULL, and order_lines.quantity is NOT NULL.
            let good = [Fixture.order("A", status: .completed, lines: 2), Fixture.order("B", lines: 2)]
            var poisoned = Fixture.batch([good[0], Fixture.order("C", quantity: .nan), good[1]], rejected: 2, checkpoint: "c2")
            poisoned.invoices = [CanonicalInvoice(invoiceID: "I1", orderID: "A", amountMinor: 1_000, raw: "{}")]

            let error = await #expect(throws: SQLiteError.self) { try await store.write(poisoned) }
            #expect(error?.isConstraint == true, "\(String(describing: error))")
            #expect(error?.description.contains("order_lines.quantity") == true, "\(String(describing: error))")
            #expect(try fixture.snapshot() == before)

            // The same connection (and its statement cache) writes the page without the bad row.
            var healed = Fixture.batch(good, rejected: 2, checkpoint: "c2")
            healed.invoices = poisoned.invoices
            let summary = try await store.write(healed)
            #expect(summary.ordersInserted == 1 && summary.statusChanges == 1)
            let after = try fixture.snapshot()
            #expect(after.statuses == ["A=completed", "B=pending"])
            #expect(after.lines == 4 && after.history == 3 && after.rejected == 2 && after.invoices == 1)
            #expect(after.checkpoint == "c2")
        }
    }

    @Test func aRepeatedPageDuplicatesNothing() async throws {
        try await Fixture.with { fixture in
            let store = try await fixture.openStore()
            let batch = Fixture.batch([Fixture.order("1", lines: 3), Fixture.order("2")], rejected: 2, checkpoint: "c1")
            try await store.write(batch)
            let once = try fixture.snapshot()
            // A crash after the commit but before the next page replays this one: no copies.
            try await store.write(batch)
            try await store.write(batch)
            #expect(try fixture.snapshot() == once)
        }
    }
}

/// The canonical schema as versioned, append-only migrations. The tables and columns named in
/// `spec/canonical-schema.md` are a public contract: never edit a registered migration, add one.
enum Schema {
    static var migrator: Migrator {
        var migrator = Migrator()
        migrator.register(version: 1, name: "canonical schema") { db in
            try db.execute(version1)
        }
        migrator.register(version: 2, name: "sync_runs.pid") { db in
            // Which process owns a run, so a starting daemon closes only runs whose process died,
            // not a backfill running beside it.
            try db.execute("ALTER TABLE sync_runs ADD COLUMN pid INTEGER")
        }
        migrator.register(version: 3, name: "deletions upstream, verify runs") { db in
            try db.execute(version3)
        }
        migrator.register(version: 4, name: "reporting: currencies, time zones, payment state, fx rates") { db in
            try reportingTables(db)
        }
        migrator.register(version: 5, name: "reporting views") { db in
            try db.execute(reportingViews)
        }
        migrator.register(version: 6, name: "poll requests") { db in
            try db.execute(version6)
        }
        // Version 8 is allocated to the cluster issue.
        migrator.register(version: 7, name: "reporting views layered, numeric companions, counts_as_revenue") { db in
            try db.execute(layeredViews)
        }
        return migrator
    }

    /// `poll_requests`: "poll this source now" (`ordersync poll`), recorded in the database so
    /// that whichever daemon holds the source takes it (one today; several sharing a database
    /// later), and the asker sees when it was taken and how the poll that answered it ended.
    private static let version6 = """
        CREATE TABLE poll_requests (
            request_id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            requested_by_pid INTEGER,
            taken_at TEXT,
            taken_by_pid INTEGER,
            finished_at TEXT,
            run_id INTEGER,
            outcome TEXT CHECK (outcome IN ('ok', 'failed', 'interrupted'))
        );
        CREATE INDEX poll_requests_waiting ON poll_requests (source) WHERE taken_at IS NULL;
        """

    /// `orders.deleted_upstream_at`: when a verify found the upstream no longer has the order
    /// (NULL while it does; orders are never hard-deleted). `sync_runs.kind` gains `verify` and
    /// `resync`: a
    /// CHECK constraint cannot be altered in SQLite, so the table is rebuilt with its rows.
    /// `deferred_records`: records whose detail failed for a passing reason, retried first by
    /// the next run (see `DeferredRecord`).
    private static let version3 = """
        ALTER TABLE orders ADD COLUMN deleted_upstream_at TEXT;
        CREATE TABLE sync_runs_v3 (
            run_id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('poll', 'backfill', 'verify', 'resync')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT CHECK (outcome IN ('ok', 'failed', 'interrupted')),
            requests INTEGER,
            orders_upserted INTEGER,
            error TEXT,
            pid INTEGER
        );
        INSERT INTO sync_runs_v3 (run_id, source, kind, started_at, finished_at, outcome, requests, orders_upserted, error, pid)
            SELECT run_id, source, kind, started_at, finished_at, outcome, requests, orders_upserted, error, pid FROM sync_runs;
        DROP TABLE sync_runs;
        ALTER TABLE sync_runs_v3 RENAME TO sync_runs;
        CREATE INDEX sync_runs_by_source ON sync_runs (source, run_id);
        CREATE TABLE deferred_records (
            source TEXT NOT NULL,
            order_id TEXT NOT NULL,
            stream TEXT NOT NULL,
            item TEXT NOT NULL,
            reason TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            first_deferred_at TEXT NOT NULL,
            last_attempt_at TEXT NOT NULL,
            PRIMARY KEY (source, order_id)
        );
        """

    private static let version1 = """
        CREATE TABLE sources (
            source TEXT PRIMARY KEY,
            dialect TEXT NOT NULL,
            base_url TEXT NOT NULL,
            first_synced_at TEXT
        );
        CREATE TABLE orders (
            source TEXT NOT NULL,
            order_id TEXT NOT NULL,
            order_number TEXT,
            customer_id TEXT,
            customer_name TEXT,
            customer_ref TEXT,
            status TEXT NOT NULL,
            status_raw TEXT NOT NULL,
            currency TEXT,
            net_minor INTEGER,
            tax_minor INTEGER,
            gross_minor INTEGER,
            is_paid INTEGER,
            ordered_at TEXT,
            updated_at TEXT,
            invoiced_at TEXT,
            cancelled_at TEXT,
            first_seen_at TEXT NOT NULL,
            synced_at TEXT NOT NULL,
            raw TEXT NOT NULL,
            list_digest TEXT,
            PRIMARY KEY (source, order_id)
        );
        CREATE INDEX orders_by_ordered_at ON orders (source, ordered_at);
        CREATE INDEX orders_by_status ON orders (source, status);
        CREATE TABLE order_lines (
            source TEXT NOT NULL,
            order_id TEXT NOT NULL,
            line_no INTEGER NOT NULL,
            line_id TEXT,
            sku TEXT,
            description TEXT,
            quantity REAL NOT NULL,
            unit_price_minor INTEGER,
            net_minor INTEGER,
            tax_minor INTEGER,
            gross_minor INTEGER,
            currency TEXT,
            PRIMARY KEY (source, order_id, line_no)
        );
        CREATE TABLE invoices (
            source TEXT NOT NULL,
            invoice_id TEXT NOT NULL,
            order_id TEXT NOT NULL,
            invoice_number TEXT,
            status TEXT,
            currency TEXT,
            amount_minor INTEGER,
            issued_on TEXT,
            due_on TEXT,
            paid_on TEXT,
            raw TEXT NOT NULL,
            PRIMARY KEY (source, invoice_id)
        );
        CREATE INDEX invoices_by_order ON invoices (source, order_id);
        CREATE TABLE order_status_history (
            source TEXT NOT NULL,
            order_id TEXT NOT NULL,
            status TEXT NOT NULL,
            status_raw TEXT NOT NULL,
            observed_at TEXT NOT NULL
        );
        CREATE INDEX order_status_history_by_order ON order_status_history (source, order_id, observed_at);
        CREATE TABLE sync_state (
            source TEXT NOT NULL,
            stream TEXT NOT NULL,
            cursor TEXT,
            updated_at TEXT,
            PRIMARY KEY (source, stream)
        );
        CREATE TABLE sync_runs (
            run_id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('poll', 'backfill')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT CHECK (outcome IN ('ok', 'failed', 'interrupted')),
            requests INTEGER,
            orders_upserted INTEGER,
            error TEXT
        );
        CREATE INDEX sync_runs_by_source ON sync_runs (source, run_id);
        CREATE TABLE rejected_records (
            source TEXT NOT NULL,
            stream TEXT NOT NULL,
            received_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            raw TEXT NOT NULL,
            record_digest TEXT NOT NULL
        );
        CREATE UNIQUE INDEX rejected_records_once ON rejected_records (source, stream, record_digest);
        """
}

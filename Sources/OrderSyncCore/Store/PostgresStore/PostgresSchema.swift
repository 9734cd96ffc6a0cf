/// The canonical schema in PostgreSQL: the same numbered migrations as `Schema` (SQLite), with
/// the same tables, columns and meanings, in PostgreSQL's natural types (see
/// docs/postgresql.md, "What differs between the stores"):
///
/// - money in minor units is `bigint`, quantities `double precision` (SQLite's REAL);
/// - instants are `timestamptz` and calendar days `date` (SQLite keeps ISO 8601 text);
/// - flags are `boolean` (SQLite's 0/1);
/// - every text column is `COLLATE "C"`: bytewise order and comparison, as in SQLite, whatever
///   the database's default collation, so sorted results are the same on both stores;
/// - the raw upstream record stays `text`, byte for byte what was received (never `jsonb`,
///   which would re-serialise it);
/// - `timezone_offsets` keeps text bounds: its open ends (year 0000, 9999) are not timestamps,
///   and it is written and read only as text.
///
/// Never edit a registered migration: add one. The version is kept in `ordersync_schema`.
enum PostgresSchema {
    /// The migrations, by version. Each runs in the transaction that records it.
    static let migrations: [(version: Int, name: String, sql: String)] = [
        (1, "canonical schema", version1),
        (2, "sync_runs.pid", "ALTER TABLE sync_runs ADD COLUMN pid bigint;"),
        (3, "deletions upstream, verify runs", version3),
        (4, "reporting: currencies, time zones, payment state, fx rates", version4),
        // 5 and 7 (the reporting views) are not ported yet: see docs/postgresql.md. Versions
        // are recorded one row each, so they can be applied later below a higher one.
        (6, "poll requests", version6),
    ]

    static var knownVersion: Int { migrations.map(\.version).max() ?? 0 }

    /// The table that records the applied version (SQLite uses `PRAGMA user_version`).
    static let versionTable = """
        CREATE TABLE IF NOT EXISTS ordersync_schema (
            version integer NOT NULL,
            name text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """

    private static let version1 = """
        CREATE TABLE sources (
            source text COLLATE "C" PRIMARY KEY,
            dialect text COLLATE "C" NOT NULL,
            base_url text COLLATE "C" NOT NULL,
            first_synced_at timestamptz
        );
        CREATE TABLE orders (
            source text COLLATE "C" NOT NULL,
            order_id text COLLATE "C" NOT NULL,
            order_number text COLLATE "C",
            customer_id text COLLATE "C",
            customer_name text COLLATE "C",
            customer_ref text COLLATE "C",
            status text COLLATE "C" NOT NULL,
            status_raw text COLLATE "C" NOT NULL,
            currency text COLLATE "C",
            net_minor bigint,
            tax_minor bigint,
            gross_minor bigint,
            is_paid boolean,
            ordered_at timestamptz,
            updated_at timestamptz,
            invoiced_at timestamptz,
            cancelled_at timestamptz,
            first_seen_at timestamptz NOT NULL,
            synced_at timestamptz NOT NULL,
            raw text NOT NULL,
            list_digest text COLLATE "C",
            PRIMARY KEY (source, order_id)
        );
        CREATE INDEX orders_by_ordered_at ON orders (source, ordered_at);
        CREATE INDEX orders_by_status ON orders (source, status);
        CREATE TABLE order_lines (
            source text COLLATE "C" NOT NULL,
            order_id text COLLATE "C" NOT NULL,
            line_no integer NOT NULL,
            line_id text COLLATE "C",
            sku text COLLATE "C",
            description text COLLATE "C",
            quantity double precision NOT NULL,
            unit_price_minor bigint,
            net_minor bigint,
            tax_minor bigint,
            gross_minor bigint,
            currency text COLLATE "C",
            PRIMARY KEY (source, order_id, line_no)
        );
        CREATE TABLE invoices (
            source text COLLATE "C" NOT NULL,
            invoice_id text COLLATE "C" NOT NULL,
            order_id text COLLATE "C" NOT NULL,
            invoice_number text COLLATE "C",
            status text COLLATE "C",
            currency text COLLATE "C",
            amount_minor bigint,
            issued_on date,
            due_on date,
            paid_on date,
            raw text NOT NULL,
            PRIMARY KEY (source, invoice_id)
        );
        CREATE INDEX invoices_by_order ON invoices (source, order_id);
        CREATE TABLE order_status_history (
            source text COLLATE "C" NOT NULL,
            order_id text COLLATE "C" NOT NULL,
            status text COLLATE "C" NOT NULL,
            status_raw text COLLATE "C" NOT NULL,
            observed_at timestamptz NOT NULL
        );
        CREATE INDEX order_status_history_by_order ON order_status_history (source, order_id, observed_at);
        CREATE TABLE sync_state (
            source text COLLATE "C" NOT NULL,
            stream text COLLATE "C" NOT NULL,
            cursor text COLLATE "C",
            updated_at timestamptz,
            PRIMARY KEY (source, stream)
        );
        CREATE TABLE sync_runs (
            run_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            source text COLLATE "C" NOT NULL,
            kind text COLLATE "C" NOT NULL CONSTRAINT sync_runs_kind CHECK (kind IN ('poll', 'backfill')),
            started_at timestamptz NOT NULL,
            finished_at timestamptz,
            outcome text COLLATE "C" CHECK (outcome IN ('ok', 'failed', 'interrupted')),
            requests integer,
            orders_upserted integer,
            error text COLLATE "C"
        );
        CREATE INDEX sync_runs_by_source ON sync_runs (source, run_id);
        CREATE TABLE rejected_records (
            source text COLLATE "C" NOT NULL,
            stream text COLLATE "C" NOT NULL,
            received_at timestamptz NOT NULL,
            reason text COLLATE "C" NOT NULL,
            raw text NOT NULL,
            record_digest text COLLATE "C" NOT NULL
        );
        CREATE UNIQUE INDEX rejected_records_once ON rejected_records (source, stream, record_digest);
        """

    /// SQLite rebuilt `sync_runs` to widen its CHECK; PostgreSQL alters the constraint.
    private static let version3 = """
        ALTER TABLE orders ADD COLUMN deleted_upstream_at timestamptz;
        ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_kind;
        ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_kind CHECK (kind IN ('poll', 'backfill', 'verify', 'resync'));
        CREATE TABLE deferred_records (
            source text COLLATE "C" NOT NULL,
            order_id text COLLATE "C" NOT NULL,
            stream text COLLATE "C" NOT NULL,
            item text NOT NULL,
            reason text COLLATE "C" NOT NULL,
            attempts integer NOT NULL,
            first_deferred_at timestamptz NOT NULL,
            last_attempt_at timestamptz NOT NULL,
            PRIMARY KEY (source, order_id)
        );
        """

    /// The currencies are inserted by `PostgresStore+Migrating` from `Currency.iso4217`, as
    /// SQLite's migration 4 does, and UTC's offsets with them.
    private static let version4 = """
        CREATE TABLE currencies (
            code text COLLATE "C" PRIMARY KEY,
            exponent integer NOT NULL,
            name text COLLATE "C"
        );
        ALTER TABLE sources ADD COLUMN timezone text COLLATE "C";
        ALTER TABLE sources ADD COLUMN poll_interval_seconds integer;
        CREATE TABLE timezone_offsets (
            timezone text COLLATE "C" NOT NULL,
            valid_from text COLLATE "C" NOT NULL,
            valid_until text COLLATE "C" NOT NULL,
            offset_seconds integer NOT NULL,
            PRIMARY KEY (timezone, valid_from)
        );
        ALTER TABLE invoices ADD COLUMN payment_state text COLLATE "C" NOT NULL DEFAULT 'unknown'
            CHECK (payment_state IN ('paid', 'open', 'void', 'unknown'));
        UPDATE invoices SET payment_state = 'paid' WHERE paid_on IS NOT NULL;
        CREATE TABLE fx_rates (
            day date NOT NULL,
            base text COLLATE "C" NOT NULL,
            quote text COLLATE "C" NOT NULL,
            rate text COLLATE "C" NOT NULL,
            PRIMARY KEY (day, base, quote)
        );
        CREATE INDEX fx_rates_by_pair ON fx_rates (base, quote, day);
        CREATE TABLE reporting_settings (
            key text COLLATE "C" PRIMARY KEY,
            value text COLLATE "C"
        );
        """

    private static let version6 = """
        CREATE TABLE poll_requests (
            request_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            source text COLLATE "C" NOT NULL,
            requested_at timestamptz NOT NULL,
            requested_by_pid bigint,
            taken_at timestamptz,
            taken_by_pid bigint,
            finished_at timestamptz,
            run_id bigint,
            outcome text COLLATE "C" CHECK (outcome IN ('ok', 'failed', 'interrupted'))
        );
        CREATE INDEX poll_requests_waiting ON poll_requests (source) WHERE taken_at IS NULL;
        """

    /// An instant column as the text SQLite stores (`2026-01-31T09:05:00Z`), whatever the
    /// session's time zone and DateStyle.
    static func utcText(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    }

    /// A date column as `YYYY-MM-DD`, whatever the session's DateStyle.
    static func dateText(_ column: String) -> String {
        "to_char(\(column), 'YYYY-MM-DD')"
    }
}

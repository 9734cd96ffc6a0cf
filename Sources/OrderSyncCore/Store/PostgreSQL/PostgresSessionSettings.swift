import FoundationEssentials
import Glibc

/// What every PostgreSQL session of ordersync sets up when it connects, so that behaviour does
/// not depend on the server's or role's defaults, and a dead server is noticed in seconds.
public struct PostgresSessionSettings: Sendable, Equatable {
    /// Who is connecting: `application_name` becomes `ordersync/<role>` (`ordersync/run`,
    /// `ordersync/erp-main`), what `pg_stat_activity` shows a DBA.
    public var role: String
    /// `statement_timeout`: a statement running longer is cancelled (SQLSTATE 57014).
    public var statementTimeoutSeconds: Int
    /// `idle_in_transaction_session_timeout`: a session idle inside a transaction this long is
    /// ended by the server, so a hung client cannot hold locks for hours.
    public var idleInTransactionTimeoutSeconds: Int
    /// `connect_timeout`: the whole connection attempt, per host.
    public var connectTimeoutSeconds: Int
    /// TCP keepalives (`keepalives_idle`, `keepalives_interval`, `keepalives_count`) and
    /// `tcp_user_timeout` (milliseconds unacknowledged data may wait): a half-open connection
    /// to a vanished server fails after about idle + interval × count seconds instead of hours.
    public var keepalivesIdleSeconds: Int
    public var keepalivesIntervalSeconds: Int
    public var keepalivesCount: Int
    public var tcpUserTimeoutMilliseconds: Int
    /// The pgpass file libpq reads when neither `PGPASSFILE` nor the URI names one: systemd's
    /// credential `pgpass` (`LoadCredential=pgpass:/etc/ordersync/pgpass`), see `credentialPassfile`.
    public var passfile: String?

    public init(
        role: String,
        statementTimeoutSeconds: Int = 300,
        idleInTransactionTimeoutSeconds: Int = 60,
        connectTimeoutSeconds: Int = 10,
        keepalivesIdleSeconds: Int = 10,
        keepalivesIntervalSeconds: Int = 5,
        keepalivesCount: Int = 3,
        tcpUserTimeoutMilliseconds: Int = 30_000,
        passfile: String? = PostgresSessionSettings.credentialPassfile()
    ) {
        self.passfile = passfile
        self.role = role
        self.statementTimeoutSeconds = statementTimeoutSeconds
        self.idleInTransactionTimeoutSeconds = idleInTransactionTimeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.keepalivesIdleSeconds = keepalivesIdleSeconds
        self.keepalivesIntervalSeconds = keepalivesIntervalSeconds
        self.keepalivesCount = keepalivesCount
        self.tcpUserTimeoutMilliseconds = tcpUserTimeoutMilliseconds
    }

    /// `$CREDENTIALS_DIRECTORY/pgpass` when systemd passed such a credential and `PGPASSFILE` is
    /// not set: a unit needs only `LoadCredential=pgpass:…`, and the password never sits in the
    /// environment or the configuration.
    public static func credentialPassfile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard environment["PGPASSFILE"] == nil, let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else {
            return nil
        }
        let path = directory + "/pgpass"
        return access(path, R_OK) == 0 ? path : nil
    }

    /// `application_name`: at most 63 bytes survive on the server (NAMEDATALEN), ASCII only.
    public var applicationName: String {
        let name = "ordersync/" + role
        return String(decoding: name.utf8.prefix(63).map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }

    /// Connection keywords that may be overridden by the URI (an operator knows their network
    /// better), so they go before it in `PQconnectdbParams`.
    var networkDefaults: [(String, String)] {
        [
            ("connect_timeout", String(connectTimeoutSeconds)),
            ("keepalives", "1"),
            ("keepalives_idle", String(keepalivesIdleSeconds)),
            ("keepalives_interval", String(keepalivesIntervalSeconds)),
            ("keepalives_count", String(keepalivesCount)),
            ("tcp_user_timeout", String(tcpUserTimeoutMilliseconds)),
        ] + (passfile.map { [("passfile", $0)] } ?? [])
    }

    /// Connection keywords the code relies on, so they go after the URI and win over it.
    var enforcedKeywords: [(String, String)] {
        [("application_name", applicationName), ("client_encoding", "UTF8")]
    }

    /// Session settings applied with SET right after connecting (and after every reconnect):
    /// unlike the `options` keyword, SET also works through poolers that drop startup options,
    /// and a URI's own `options` cannot silently replace them.
    var sessionSQL: String {
        """
        SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'iso_8601'; \
        SET extra_float_digits = 3; \
        SET statement_timeout = '\(statementTimeoutSeconds)s'; \
        SET idle_in_transaction_session_timeout = '\(idleInTransactionTimeoutSeconds)s'
        """
    }
}

/// A libpq connection URI (`postgresql://user@host:5432/db?sslmode=verify-full`) that holds no
/// secret: the only way to make one is `init(validating:)`, which refuses a password in the user
/// part and the `password`/`sslpassword` parameters. Because of that, the text may be printed
/// (logs, errors, `status`) and stored; passwords come from libpq's own conventions instead
/// (`PGPASSFILE`, `PGPASSWORD`, `~/.pgpass`, a service file), see docs/postgresql.md.
///
/// Everything else (several hosts, `host=/run/postgresql` for a Unix socket, percent-encoding)
/// is libpq's to parse: this type checks only what must never get further.
public struct PostgresURI: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The URI exactly as configured.
    public let text: String

    /// The schemes libpq accepts for a URI.
    public static let schemes = ["postgresql://", "postgres://"]

    /// Query parameters that carry a secret and so never belong in a configuration file.
    static let secretParameters: Set<String> = ["password", "sslpassword"]

    /// True when `database` names a PostgreSQL database rather than a SQLite file.
    public static func isURI(_ database: String) -> Bool {
        schemes.contains { database.lowercased().hasPrefix($0) }
    }

    /// Checks `text`; the error says what is wrong without repeating the text (it may hold a
    /// password), so it is safe to print and log.
    public init(validating text: String) throws(PostgresURIError) {
        guard let scheme = Self.schemes.first(where: { text.lowercased().hasPrefix($0) }) else {
            throw PostgresURIError("a PostgreSQL database is a URI starting with postgresql:// or postgres://")
        }
        let rest = text.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        // The user part ends at the last "@": a percent-encoded "@" cannot end it, a raw one can.
        if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") {
            throw PostgresURIError(
                "the URI contains a password; remove it (user@host, not user:password@host) and give the password "
                    + "through a pgpass file (PGPASSFILE, ~/.pgpass), PGPASSWORD or a service file: see docs/postgresql.md")
        }
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let key = Self.percentDecoded(pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "")
                if Self.secretParameters.contains(key.lowercased()) {
                    throw PostgresURIError(
                        "the URI's parameter \(key) holds a secret; remove it and give it through a pgpass file "
                            + "(PGPASSFILE, ~/.pgpass), the environment or a service file: see docs/postgresql.md")
                }
            }
        }
        self.text = text
    }

    public var description: String { text }

    /// `%xx` sequences decoded; anything malformed is kept as written (libpq will reject it).
    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Why a configured PostgreSQL URI was refused; never contains the URI itself.
public struct PostgresURIError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

import Foundation
import OrderSyncCore
import Testing

/// `"database"` takes a SQLite path or a PostgreSQL URI; a URI carrying a secret is refused with
/// an error that never repeats it.
@Suite("Config: PostgreSQL database URI")
struct PostgresURIConfigTests {
    static let password = "s3cr3t-Pa55-31415"
    static let dialects = [DialectRequirements(name: "erp", auth: .token)]

    static func parse(database: String) throws(ConfigError) -> Configuration {
        let text = """
            {"database": \(quoted(database)), "sources": [{"name": "acme", "dialect": "erp",
             "base_url": "https://erp.example/api/", "auth": {"token": "t0k3n"}}]}
            """
        return try ConfigLoader.parse(
            text: text, environment: [:], dialects: dialects, now: Date(timeIntervalSince1970: 1_711_886_400),
            baseDirectory: "/nonexistent")
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    @Test(arguments: [
        "postgresql://ordersync@db.internal:5432/orders?sslmode=verify-full",
        "postgres://db.internal/orders",
        "postgresql:///orders?host=/run/postgresql",
        "postgresql://ordersync@%2Frun%2Fpostgresql/orders",
        "postgresql://ordersync@[2001:db8::1]:5432,db2.internal:5433/orders?target_session_attrs=read-write",
        "postgresql://?service=ordersync",
    ])
    func aURIWithoutASecretIsAPostgreSQLDatabase(uri: String) throws {
        let configuration = try Self.parse(database: uri)
        #expect(configuration.database == uri)
        #expect(configuration.postgresDatabase?.text == uri)
    }

    @Test func aPathStaysASQLiteFile() throws {
        let configuration = try Self.parse(database: "/var/lib/ordersync/orders.db")
        #expect(configuration.postgresDatabase == nil)
        #expect(try Self.parse(database: "orders.db").postgresDatabase == nil)
    }

    @Test(arguments: [
        "postgresql://ordersync:\(password)@db.internal/orders",
        "POSTGRES://ordersync:\(password)@db.internal:5432/orders?sslmode=verify-full",
        "postgresql://db.internal/orders?sslmode=require&password=\(password)",
        "postgresql://db.internal/orders?pass%77ord=\(password)",
        "postgresql://db.internal/orders?sslpassword=\(password)",
    ])
    func aSecretInTheURIIsRefusedWithoutPrintingIt(uri: String) {
        do {
            _ = try Self.parse(database: uri)
            Issue.record("a URI with a secret was accepted")
        } catch {
            #expect(error.path == "database")
            #expect(error.message.contains("pgpass"), "the error says where a password goes: \(error)")
            #expect(!error.description.contains(Self.password), "the error printed the secret: \(error)")
            #expect(!error.description.contains("db.internal"), "the error repeats the URI: \(error)")
        }
    }

    @Test func aKeyValueConnectionStringIsRefusedWithoutPrintingIt() {
        do {
            _ = try Self.parse(database: "host=db.internal dbname=orders password=\(Self.password)")
            Issue.record("a key=value connection string was taken for a SQLite file")
        } catch {
            #expect(error.path == "database" && error.message.contains("postgresql://"))
            #expect(!error.description.contains(Self.password))
        }
    }

    /// A database that is not a string is reported by its kind, never its contents.
    @Test func aWrongTypeIsNotEchoed() {
        #expect(throws: ConfigError.self) { _ = try Self.parse(database: "") }
    }
}

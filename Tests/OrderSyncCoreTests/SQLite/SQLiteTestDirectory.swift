import Foundation
@testable import OrderSyncCore

/// A fresh directory for one test's database files, always removed afterwards.
enum SQLiteTestDirectory {
    static func with<T>(_ body: (String) throws -> T) throws -> T {
        let directory = try make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try body(directory)
    }

    /// `with` for a body that awaits (a store call).
    static func with<T>(_ body: (String) async throws -> T) async throws -> T {
        let directory = try make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await body(directory)
    }

    private static func make() throws -> String {
        let template = FileManager.default.temporaryDirectory.path + "/ordersync-sqlite-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let created = mkdtemp(&bytes) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return String(cString: created)
    }

    /// Opens a database in a fresh directory and passes both to `body`.
    static func withDatabase<T>(
        options: Database.OpenOptions = Database.OpenOptions(),
        _ body: (Database, String) throws -> T
    ) throws -> T {
        try with { directory in
            let db = try Database(path: directory + "/test.db", options: options)
            defer { db.close() }
            return try body(db, directory)
        }
    }

    /// The permission bits of a file, or nil when it does not exist.
    static func mode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }
}

import FoundationEssentials
import OrderSyncCore
import PlatformSupport
import Glibc

/// Whether the configured database can be opened for writing by this user, checked before
/// anything is opened: `check-config` reports it with the other problems, `run` refuses with 78
/// (a configuration error, which systemd does not restart in a loop) instead of failing with 1.
enum DatabaseLocation {
    static func problem(_ database: String, workingDirectory: String) -> ConfigError? {
        // A PostgreSQL URI names no file: reaching the server is the store's start-up's to judge.
        if StoreLocation(database: database).isPostgres { return nil }
        let path = database.hasPrefix("/") ? database : workingDirectory + "/" + database
        let directory = path.parentDirectory
        if FileManager.default.fileExists(atPath: path) {
            guard access(path, R_OK | W_OK) == 0 else {
                return ConfigError(path: "database", message: "\(database) exists but this user (uid \(getuid())) may not read and write it; fix its owner or mode")
            }
            // SQLite creates -wal and -shm beside the file.
            guard access(directory, W_OK | X_OK) == 0 else {
                return ConfigError(path: "database", message: "the directory \(directory) is not writable by this user (uid \(getuid())); SQLite needs to create \(database)-wal there")
            }
            return nil
        }
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            return ConfigError(path: "database", message: "the directory \(directory) does not exist; create it (under systemd, StateDirectory= does) or fix the path")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            return ConfigError(path: "database", message: "the directory \(directory) is not writable by this user (uid \(getuid())), so \(database) cannot be created there")
        }
        return nil
    }
}

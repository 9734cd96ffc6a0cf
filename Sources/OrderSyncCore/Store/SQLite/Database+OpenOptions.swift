import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Database {
    /// How to open a database file.
    public struct OpenOptions: Sendable, Equatable {
        /// Open without write access; no pragma that writes is run.
        public var readOnly: Bool
        /// Create the file when it does not exist (ignored when read-only).
        public var create: Bool
        /// Permission bits for a file this open creates, applied exactly
        /// (regardless of umask); SQLite gives the -wal and -shm files the
        /// same bits. nil leaves SQLite's default (0644 minus umask).
        public var fileMode: mode_t?
        /// How long a statement waits for another connection's lock before
        /// failing with SQLITE_BUSY.
        public var busyTimeout: Duration
        /// With `readOnly`: open as `immutable=1`, without the -wal and -shm
        /// files, for a WAL database no process is writing whose directory
        /// this user may not write (SQLite could not create the -shm file).
        public var immutable = false

        /// The owner-only mode for a new database: orders are customer data.
        public static let ownerOnlyFileMode: mode_t = 0o600
        /// The mode for a new database another group (e.g. reporting) may read.
        public static let groupReadableFileMode: mode_t = 0o640

        public init(
            readOnly: Bool = false,
            create: Bool = true,
            fileMode: mode_t? = OpenOptions.ownerOnlyFileMode,
            busyTimeout: Duration = .seconds(5)
        ) {
            self.readOnly = readOnly
            self.create = create
            self.fileMode = fileMode
            self.busyTimeout = busyTimeout
        }
    }
}

extension Database {
    /// `file:PATH?immutable=1`, the path percent-encoded where a URI needs it.
    static func immutableURI(_ path: String) -> String {
        var encoded = ""
        for character in path {
            switch character {
            case "%": encoded += "%25"
            case "?": encoded += "%3F"
            case "#": encoded += "%23"
            default: encoded.append(character)
            }
        }
        return "file:\(encoded)?immutable=1"
    }

    /// Applies the connection settings every open needs.
    func configure(_ options: OpenOptions, createdFile: Bool) throws(SQLiteError) {
        let connection = openConnection
        interrupter.handleBusy(connection, timeoutMilliseconds: Self.milliseconds(options.busyTimeout))
        guard !options.readOnly else { return }

        let mode = try makeStatement("PRAGMA journal_mode=WAL").scalar()?.stringValue?.lowercased()
        // An in-memory database has no file to put a WAL next to.
        let isInMemory = sqlite3_db_filename(connection, "main").map { $0.pointee == 0 } ?? true
        if mode != "wal" && !isInMemory {
            throw SQLiteError(
                code: SQLITE_ERROR,
                message: "the database stayed in journal mode \(mode ?? "unknown") instead of WAL: "
                    + "put it on a local file system that supports shared memory (not NFS)",
                sql: "PRAGMA journal_mode=WAL")
        }
        try execute("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON")
        if let fileMode = options.fileMode, createdFile {
            // SQLite copies the main file's bits to -wal and -shm; re-apply in
            // case stale ones were left behind by a deleted database.
            for suffix in ["-wal", "-shm"] {
                _ = chmod(path + suffix, fileMode)
            }
        }
    }

    /// Creates the main file with exactly `options.fileMode` before SQLite
    /// sees it, so no other user can read it even for an instant; returns
    /// whether this call created it. An empty file is a valid empty database.
    static func createFileIfNeeded(path: String, options: OpenOptions) throws(SQLiteError) -> Bool {
        guard let fileMode = options.fileMode, options.create, !options.readOnly,
              !path.isEmpty, path != ":memory:", !path.hasPrefix("file:")
        else { return false }
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else {
            let error = errno
            if error == EEXIST { return false }
            throw SQLiteError(
                code: SQLITE_CANTOPEN,
                message: "cannot create the file: \(String(cString: strerror(error))): "
                    + "check that the directory exists and that this user may write to it")
        }
        // open() applied the umask; fchmod sets the bits exactly.
        let chmodResult = fchmod(descriptor, fileMode)
        let chmodError = errno
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
        guard chmodResult == 0 else {
            removeEmptyFile(path)
            throw SQLiteError(
                code: SQLITE_CANTOPEN,
                message: "cannot set mode \(String(fileMode, radix: 8)) on the new file: "
                    + String(cString: strerror(chmodError)))
        }
        return true
    }

    /// Removes a file this open created, as long as nothing was written to it.
    static func removeEmptyFile(_ path: String) {
        var info = stat()
        if stat(path, &info) == 0, info.st_size == 0 {
            _ = unlink(path)
        }
    }

    static func openFailureMessage(code: Int32, handle: OpaquePointer?, path: String, options: OpenOptions) -> String {
        let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        switch code & 0xFF {
        case SQLITE_CANTOPEN where options.readOnly || !options.create:
            return "\(reason): check that the file exists and that this user may open it"
        case SQLITE_CANTOPEN:
            return "\(reason): check that the directory exists and that this user may write to it"
        case SQLITE_NOTADB:
            return "\(reason): it is not an SQLite database"
        default:
            return reason
        }
    }

    /// The timeout in whole milliseconds, clamped to what SQLite accepts.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = Double(seconds) * 1_000 + Double(attoseconds) / 1e15
        return Int32(max(0, min(total.rounded(.up), Double(Int32.max))))
    }
}

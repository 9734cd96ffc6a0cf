import CSQLite

extension Statement {
    /// Binds `values` to parameters ?1, ?2, ... in order; the count must match
    /// the statement's parameters exactly, so a missing value is an error
    /// rather than a silent NULL.
    public func bind(_ values: [any SQLiteBindable]) throws(SQLiteError) {
        guard values.count == parameterCount else {
            throw .misuse(
                "wrong number of bound values: the statement expects \(parameterCount), got \(values.count)",
                sql: sql)
        }
        // A statement left mid-step (e.g. by a thrown error) refuses new
        // bindings with SQLITE_MISUSE; resetting first makes bind always safe.
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            try bind(value.sqliteValue, at: offset + 1)
        }
    }

    /// Binds values to parameters ?1, ?2, ... in order.
    public func bind(_ values: any SQLiteBindable...) throws(SQLiteError) {
        try bind(values)
    }

    /// Binds one value to the 1-based parameter `index`, without allocating:
    /// the cheap path for hot loops that reuse a cached statement.
    public func bind(_ value: SQLiteValue, at index: Int) throws(SQLiteError) {
        let position = Int32(index)
        let code: Int32
        switch value {
        case .integer(let number):
            code = sqlite3_bind_int64(handle, position, number)
        case .real(let number):
            code = sqlite3_bind_double(handle, position, number)
        case .text(var text):
            // SQLITE_TRANSIENT: SQLite copies the bytes before returning, so
            // the buffer only has to live for the call.
            code = text.withUTF8 { bytes in
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text(handle, position, "", 0, csqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                    sqlite3_bind_text64(
                        handle, position, chars, UInt64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            if bytes.isEmpty {
                // A nil pointer would bind NULL; an empty blob must stay a blob.
                code = sqlite3_bind_zeroblob(handle, position, 0)
            } else {
                code = bytes.withUnsafeBytes { raw in
                    sqlite3_bind_blob64(handle, position, raw.baseAddress, UInt64(raw.count), csqlite_transient())
                }
            }
        case .null:
            code = sqlite3_bind_null(handle, position)
        }
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, connection: connection, sql: sql)
        }
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Resets the statement so it can run again; bindings are kept.
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Binds `values` when there are any; with none, the statement runs with
    /// whatever was bound before (via `bind`), unbound parameters being NULL.
    func bindIfGiven(_ values: [any SQLiteBindable]) throws(SQLiteError) {
        if values.isEmpty {
            sqlite3_reset(handle)
        } else {
            try bind(values)
        }
    }
}

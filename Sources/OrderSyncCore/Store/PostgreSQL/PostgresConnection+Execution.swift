import Glibc

extension PostgresConnection {
    /// Runs one statement with `$1…` parameters sent in text format (nil is SQL NULL) and returns
    /// its rows, copied out of libpq. The parameters never appear in an error.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws(PostgresError) -> PostgresResult {
        let handle = openHandle
        let result = Self.withParameterArray(parameters) { values in
            lib.execParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        return try collect(result, sql: sql)
    }

    /// The rows of a query (`execute(_:_:).rows`).
    public func query(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws(PostgresError) -> [PostgresRow] {
        try execute(sql, parameters).rows
    }

    /// Runs a script of `;`-separated statements without parameters in one round trip (the
    /// simple query protocol), e.g. a migration. Without an explicit BEGIN the server runs the
    /// whole script as one implicit transaction: all of it or none.
    public func executeScript(_ sql: String) throws(PostgresError) {
        let handle = openHandle
        // PQexec returns only the last statement's result, but stops at the first error, and
        // that error is the result returned.
        _ = try collect(lib.exec(handle, sql), sql: sql)
    }

    /// Calls `body` with a C array of the parameters' text (NULL for nil), valid during the call.
    static func withParameterArray<T>(
        _ parameters: [(any PostgresBindable)?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T
    ) -> T {
        guard !parameters.isEmpty else { return body(nil) }
        let strings = parameters.map { $0.map { strdup($0.postgresText) } ?? nil }
        defer { strings.forEach { free($0) } }
        return strings.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    /// Copies a result's rows and frees it; a failed result becomes the thrown error.
    func collect(_ result: OpaquePointer?, sql: String) throws(PostgresError) -> PostgresResult {
        guard let result else { throw failure(of: nil, sql: sql) }
        defer { lib.clear(result) }
        let status = lib.resultStatus(result)
        guard status == LibPQ.commandOK || status == LibPQ.tuplesOK || status == LibPQ.emptyQuery else {
            throw failure(of: result, sql: sql)
        }
        return rows(of: result)
    }

    func rows(of result: OpaquePointer) -> PostgresResult {
        let rowCount = lib.ntuples(result)
        let columnCount = lib.nfields(result)
        let columns = (0..<columnCount).map { column in lib.fname(result, column).map { String(cString: $0) } ?? "?column?" }
        var rows: [PostgresRow] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            let values = (0..<columnCount).map { column -> String? in
                guard lib.getisnull(result, row, column) == 0, let value = lib.getvalue(result, row, column) else { return nil }
                let length = Int(lib.getlength(result, row, column))
                return value.withMemoryRebound(to: UInt8.self, capacity: length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        let affected = lib.cmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        return PostgresResult(rows: rows, affectedRows: affected)
    }

    /// The error of a failed result (or of the connection when libpq returned no result): the
    /// server's SQLSTATE and messages when it sent them, libpq's message otherwise.
    func failure(of result: OpaquePointer?, sql: String?) -> PostgresError {
        let statement = sql.map(Self.shortened)
        func field(_ code: Int32) -> String? {
            guard let result, let text = lib.resultErrorField(result, code) else { return nil }
            return String(cString: text)
        }
        var message = field(LibPQ.diagnosticPrimaryMessage)
        if message == nil, let result, let text = lib.resultErrorMessage(result) { message = String(cString: text) }
        if message?.isEmpty ?? true, let handle, let text = lib.errorMessage(handle) { message = String(cString: text) }
        let sqlState = field(LibPQ.diagnosticSQLState)
        // Only the server sets a SQLSTATE: an error without one is libpq's own, a failure to talk
        // to the server, after which the session cannot be trusted.
        if sqlState == nil { lostSession = true }
        let broken = isBroken
        return PostgresError(
            sqlState: sqlState, message: Self.oneLine(message ?? "unknown failure"),
            sql: statement, isConnectionFailure: broken,
            detail: field(LibPQ.diagnosticDetail).map(Self.oneLine), hint: field(LibPQ.diagnosticHint).map(Self.oneLine)
        ).inDatabase(uri)
    }

    /// The statement as an error shows it: trimmed, and cut after 300 characters (a multi-row
    /// VALUES list can be megabytes).
    static func shortened(_ sql: String) -> String {
        let trimmed = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: " \t") }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : trimmed
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        let drop: (Character) -> Bool = { set.contains($0) }
        guard let first = firstIndex(where: { !drop($0) }), let last = lastIndex(where: { !drop($0) }) else { return "" }
        return self[first...last]
    }
}

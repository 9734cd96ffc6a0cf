extension PostgresConnection {
    /// The most statements sent before waiting for their results. In libpq's blocking mode the
    /// server's replies pile up unread while the client sends; a bounded pipeline keeps them
    /// well inside the socket buffers, so neither side blocks on a full buffer.
    static let pipelineDepth = 500

    /// Runs `statements` with pipelining: sent back to back and their results read afterwards,
    /// one round trip per `pipelineDepth` statements instead of one per statement.
    ///
    /// Atomic inside `transaction { }` (the way the store writes a page and its checkpoint): the
    /// first failing statement aborts the transaction and is the thrown error, naming its SQL.
    /// Outside a transaction each group of `pipelineDepth` statements is its own implicit
    /// transaction. Returns one result per statement, in order.
    @discardableResult
    public func executeBatch(_ statements: [PostgresStatement]) throws(PostgresError) -> [PostgresResult] {
        var results: [PostgresResult] = []
        results.reserveCapacity(statements.count)
        var start = statements.startIndex
        while start < statements.endIndex {
            let end = min(start + Self.pipelineDepth, statements.endIndex)
            results += try executePipeline(statements[start..<end])
            start = end
        }
        return results
    }

    private func executePipeline(_ statements: ArraySlice<PostgresStatement>) throws(PostgresError) -> [PostgresResult] {
        let handle = openHandle
        guard lib.enterPipelineMode(handle) == 1 else { throw failure(of: nil, sql: statements.first?.sql) }
        var sent = 0
        var firstError: PostgresError?
        for statement in statements {
            let queued = Self.withParameterArray(statement.parameters) { values in
                lib.sendQueryParams(handle, statement.sql, Int32(statement.parameters.count), nil, values, nil, nil, 0)
            }
            guard queued == 1 else {
                firstError = failure(of: nil, sql: statement.sql)
                break
            }
            sent += 1
        }
        if lib.pipelineSync(handle) != 1, firstError == nil { firstError = failure(of: nil, sql: nil) }
        var results: [PostgresResult] = []
        // Each query's result is followed by a nil; the sync point ends the pipeline. Read all of
        // it even after an error, so the connection is left ready for the next statement.
        for statement in statements.prefix(sent) where !isBroken {
            guard let result = lib.getResult(handle) else { break }
            let status = lib.resultStatus(result)
            if status == LibPQ.commandOK || status == LibPQ.tuplesOK || status == LibPQ.emptyQuery {
                results.append(rows(of: result))
            } else if status != LibPQ.pipelineAborted, firstError == nil {
                firstError = failure(of: result, sql: statement.sql)
            }
            lib.clear(result)
            while let extra = lib.getResult(handle) { lib.clear(extra) }
        }
        while !isBroken, let result = lib.getResult(handle) {
            let status = lib.resultStatus(result)
            lib.clear(result)
            if status == LibPQ.pipelineSyncResult { break }
        }
        _ = lib.exitPipelineMode(handle)
        if let firstError { throw firstError }
        if isBroken || results.count != statements.count {
            throw failure(of: nil, sql: statements.last?.sql)
        }
        return results
    }
}

extension Database {
    /// Runs `body` in a transaction: commits when it returns, rolls back when
    /// it (or the commit) throws, and rethrows that original error.
    ///
    /// Transactions do not nest: calling this while one is open, from the
    /// body or after a manual `BEGIN`, is a programming error.
    public func inTransaction<T>(
        _ kind: TransactionKind = .immediate,
        _ body: () throws -> T
    ) throws -> T {
        precondition(!isInTransaction, "inTransaction called while a transaction is already open on \(path)")
        try execute(kind.beginSQL)
        let result: T
        do {
            result = try body()
            try execute("COMMIT")
        } catch {
            rollbackAfterFailure()
            throw error
        }
        return result
    }

    /// Rolls back if a transaction is still open. Some errors (SQLITE_FULL,
    /// SQLITE_IOERR, ...) already made SQLite roll back, and a failed
    /// ROLLBACK must never replace the error that caused it: ignore its result.
    private func rollbackAfterFailure() {
        guard isInTransaction else { return }
        try? execute("ROLLBACK")
    }
}

extension PostgresConnection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it (or the commit)
    /// throws, and rethrows that original error.
    ///
    /// Transactions do not nest: calling this inside one is a programming error. On a broken
    /// connection the server has already rolled back; the error says so (`isConnectionFailure`)
    /// and the caller may `reconnect()` and run the whole transaction again.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        precondition(!isInTransaction, "transaction called while a transaction is already open on \(uri)")
        try executeScript("BEGIN")
        let result: T
        do {
            result = try body()
            try executeScript("COMMIT")
        } catch {
            rollbackAfterFailure()
            throw error
        }
        return result
    }

    /// Rolls back if a transaction is still open. A failed ROLLBACK (the connection is gone, so
    /// the server rolled back already) must never replace the error that caused it.
    private func rollbackAfterFailure() {
        guard !isBroken, isInTransaction else { return }
        try? executeScript("ROLLBACK")
    }
}

/// Waiting on evidence instead of sleeping: a test that sleeps "long enough" for something to
/// happen passes when it did not happen too (the sleep just ran out), and fails on a slow machine
/// when it would have. This polls what the test can observe, and fails with what it waited for
/// when the deadline passes, so a hang is a failure with a reason.
public func waitForEvidence(_ what: String, timeout: Duration = .seconds(30),
                            _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw EvidenceTimedOut(what: what, timeout: timeout) }
        // Polling, not evidence: how often to look, which no outcome depends on.
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// The deadline of `waitForEvidence` passed.
public struct EvidenceTimedOut: Error, CustomStringConvertible {
    public var what: String
    public var timeout: Duration
    public var description: String { "waited \(timeout) for \(what), in vain" }
}

import FoundationEssentials

/// Tokens a login route issues (reseller's `POST /api/v1/authenticate`), each
/// valid for the configured lifetime on `SimulatorConfiguration.clock`, then answered with 401.
@_spi(SimulatedDialects) public struct SessionTokens: Sendable {
    private var expiries: [String: Date] = [:]
    private var rng: SplitMix64
    let ttl: TimeInterval

    init(seed: UInt64, stream: String, ttl: TimeInterval) {
        self.rng = SplitMix64(seed: seed, stream: stream)
        self.ttl = ttl
    }

    /// A new token, deterministic for the seed so responses stay reproducible.
    mutating func issue(prefix: String, now: Date) -> String {
        let token = prefix + String(rng.next(), radix: 16) + String(rng.next(), radix: 16)
        expiries[token] = now.addingTimeInterval(ttl)
        expiries = expiries.filter { $0.value > now }
        return token
    }

    func isValid(_ token: String, now: Date) -> Bool {
        guard let expiry = expiries[token] else { return false }
        return expiry > now
    }

    /// `expires_in` as whole seconds, rounded up so it is never 0 for a valid token.
    var expiresIn: Int {
        Int(ttl.rounded(.up))
    }
}

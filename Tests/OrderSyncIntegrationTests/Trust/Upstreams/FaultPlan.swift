import Foundation
import OrderSyncTesting

/// Deterministic transient faults by request number: envelope failures (`200` with
/// `{"success": false}`) on every 50th request (2 %), and 429 with `Retry-After: 0`, 500, 503,
/// connection resets and truncated bodies on a few more. A URL that was just answered with a
/// fault is answered properly the next time, so every request succeeds by its second attempt.
final class FaultPlan: @unchecked Sendable {
    enum Kind: String, CaseIterable {
        case envelope, tooManyRequests, serverError, unavailable, reset, truncated
    }

    private let lock = NSLock()
    private var faultedLast = Set<String>()
    private(set) var served: [Kind: Int] = [:]

    /// The fault for this request, or nil to answer it properly.
    func fault(for request: HostileUpstream.Request) -> HostileUpstream.Response? {
        lock.lock()
        defer { lock.unlock() }
        if faultedLast.remove(request.target) != nil { return nil }
        let n = request.number
        let kind: Kind? =
            if n % 50 == 0 { .envelope }
            else if n % 37 == 0 { .tooManyRequests }
            else if n % 41 == 0 { .serverError }
            else if n % 43 == 0 { .unavailable }
            else if n % 53 == 0 { .reset }
            else if n % 59 == 0 { .truncated }
            else { nil }
        guard let kind else { return nil }
        faultedLast.insert(request.target)
        served[kind, default: 0] += 1
        switch kind {
        case .envelope: return Self.envelopeFailure
        case .tooManyRequests: return .json(#"{"message": "Too Many Attempts."}"#, status: 429, headers: [("Retry-After", "0")])
        case .serverError: return .json(#"{"message": "Server Error"}"#, status: 500)
        case .unavailable: return .json(#"{"message": "Service Unavailable"}"#, status: 503)
        case .reset: return .reset
        case .truncated:
            var response = HostileUpstream.Response.json(#"{"success": true, "result": {"items": [{"id": 1, "truncated"#)
            response.headers.append(("Content-Length", "4096"))
            response.cutAfter = 40
            return response
        }
    }

    var servedCounts: [Kind: Int] {
        lock.lock()
        defer { lock.unlock() }
        return served
    }

    /// mobility's documented failure shape, in a 200.
    static let envelopeFailure = HostileUpstream.Response.json(#"{"success": false, "message": "Temporary failure, please retry"}"#)
}

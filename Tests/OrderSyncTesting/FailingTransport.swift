import Foundation
import OrderSyncCore

/// The real transport until `failAfter` requests have gone through, then a dead upstream:
/// every later request fails as a refused connection. For interrupting a sync at a known point.
public final class FailingTransport: HTTPTransport {
    private let base: any HTTPTransport
    private let remaining: LockedBox<Int>

    public init(failAfter requests: Int, base: any HTTPTransport = CurlTransport.shared) {
        self.base = base
        self.remaining = LockedBox(requests)
    }

    /// Lets requests through again (the upstream came back).
    public func heal() {
        remaining.withValue { $0 = .max }
    }

    public func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> HTTPResponse {
        let allowed = remaining.withValue { count -> Bool in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        guard allowed else { throw .connectionFailed("injected: the upstream is down") }
        return try await base.perform(request, limits: limits)
    }
}

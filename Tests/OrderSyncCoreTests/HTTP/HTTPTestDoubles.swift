import Foundation
@testable import OrderSyncCore

/// A transport that replays a script of outcomes, one per attempt, and records the requests.
final class ScriptedTransport: HTTPTransport {
    private let state: LockedBox<(script: [Result<HTTPResponse, TransportError>], requests: [TransportRequest])>

    init(_ script: [Result<HTTPResponse, TransportError>]) {
        state = LockedBox((script, []))
    }

    convenience init(statuses: [Int]) {
        self.init(statuses.map { .success(HTTPResponse(status: $0, body: Array("body \($0)".utf8))) })
    }

    var requests: [TransportRequest] {
        state.withValue { $0.requests }
    }

    func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> HTTPResponse {
        let next: Result<HTTPResponse, TransportError>? = state.withValue { state in
            state.requests.append(request)
            return state.script.isEmpty ? nil : state.script.removeFirst()
        }
        guard let next else { return HTTPResponse(status: 599, body: Array("script exhausted".utf8)) }
        return try next.get()
    }
}

/// A sleeper that records every wait and returns at once, moving a fake clock forward.
final class RecordingSleeper: Sendable {
    private let recorded = LockedBox<[Duration]>([])
    private let clock = LockedBox(ContinuousClock.now)

    var sleeps: [Duration] {
        recorded.withValue { $0 }
    }

    var now: @Sendable () -> ContinuousClock.Instant {
        { [clock] in clock.withValue { $0 } }
    }

    /// Records a wait without moving the clock, as if every caller slept concurrently.
    func record(_ duration: Duration) {
        recorded.withValue { $0.append(duration) }
    }

    var sleeper: Sleeper {
        Sleeper { [recorded, clock] duration in
            recorded.withValue { $0.append(duration) }
            clock.withValue { $0 = $0 + duration }
        }
    }
}

/// An authorizer whose credentials can be refreshed: counts its calls.
actor RefreshingAuthorizer: Authorizer {
    private(set) var authorizeCalls = 0
    private(set) var unauthorizedCalls = 0

    func authorize(_ request: inout TransportRequest, using client: HTTPClient) async throws {
        authorizeCalls += 1
        request.setValue("Bearer session-\(authorizeCalls)", forHTTPHeaderField: "Authorization")
    }

    func unauthorized() async -> Bool {
        unauthorizedCalls += 1
        return true
    }
}

/// An authorizer that logs in through the client and caches the token it got.
actor LoginAuthorizer: Authorizer {
    private var token: String?

    func authorize(_ request: inout TransportRequest, using client: HTTPClient) async throws {
        if token == nil {
            let response = try await client.sendWithoutAuthorization(
                HTTPRequest(method: "POST", path: "/login", body: Array(#"{"user":"u"}"#.utf8))
            )
            token = String(decoding: response.body, as: UTF8.self)
        }
        request.setValue("Bearer \(token ?? "")", forHTTPHeaderField: "Authorization")
    }

    func unauthorized() async -> Bool {
        token = nil
        return true
    }
}

enum HTTPFixtures {
    static let baseURL = URL(string: "https://erp.acme.example/obapi")!

    /// A client with a recording sleeper, a fixed jitter and no pacing unless asked.
    static func client(
        _ transport: any HTTPTransport,
        settings: HTTPClientSettings = HTTPClientSettings(requestsPerSecond: nil),
        authorizer: (any Authorizer)? = nil,
        sleeper: RecordingSleeper,
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { $0.upperBound },
        wallClock: @escaping @Sendable () -> Instant = { Instant.now() }
    ) -> HTTPClient {
        HTTPClient(
            source: "acme-eu", baseURL: baseURL, settings: settings, transport: transport,
            authorizer: authorizer, sleeper: sleeper.sleeper, random: random, now: sleeper.now, wallClock: wallClock
        )
    }

    static let orders = HTTPRequest(path: "/v1/orders")

    /// The `HTTPError` a call threw, or `nil` when it succeeded.
    static func error(_ body: () async throws(HTTPError) -> HTTPResponse) async -> HTTPError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error
        }
    }
}

import Foundation
import Testing
@testable import OrderSyncCore

@Suite("Retry-After")
struct RetryAfterTests {
    static let now = Instant(secondsSinceEpoch: 784_111_717)  // Sun, 06 Nov 1994 08:48:37 GMT

    @Test("delta-seconds")
    func deltaSeconds() {
        #expect(RetryAfter(headerValue: "120", now: Self.now)?.delay == .seconds(120))
        #expect(RetryAfter(headerValue: " 7 ", now: Self.now)?.delay == .seconds(7))
    }

    @Test("the three HTTP-date forms give the same instant", arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ])
    func httpDate(value: String) {
        #expect(RetryAfter(headerValue: value, now: Self.now)?.delay == .seconds(60))
    }

    @Test("zero, past dates and junk carry no hint", arguments: [
        "0", "", "-5", "soon", "1.5", "Sun, 06 Nov 1994 08:48:37 GMT", "Sat, 05 Nov 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
    ])
    func noHint(value: String) {
        #expect(RetryAfter(headerValue: value, now: Self.now) == nil)
    }

    @Test("clamping raises to the floor and cuts at the cap")
    func clamping() {
        #expect(RetryAfter(delay: .milliseconds(300)).clamped(floor: .seconds(1), cap: .seconds(300)) == .seconds(1))
        #expect(RetryAfter(delay: .seconds(86_400)).clamped(floor: .seconds(1), cap: .seconds(300)) == .seconds(300))
        #expect(RetryAfter(delay: .seconds(42)).clamped(floor: .seconds(1), cap: .seconds(300)) == .seconds(42))
        #expect(RetryAfter(headerValue: "99999999999999999999999", now: Self.now)?.delay == .seconds(Int.max))
    }

    // MARK: - Through the client

    private func sleeps(
        status: Int = 429, retryAfter: String,
        settings: HTTPClientSettings = HTTPClientSettings(requestsPerSecond: nil),
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { $0.lowerBound }
    ) async throws -> [Duration] {
        let throttled = HTTPResponse(status: status, headers: ["Retry-After": retryAfter])
        let transport = ScriptedTransport([.success(throttled), .success(HTTPResponse(status: 200))])
        let sleeper = RecordingSleeper()
        let client = HTTPFixtures.client(transport, settings: settings, sleeper: sleeper, random: random)
        _ = try await client.send(HTTPFixtures.orders)
        #expect(transport.requests.count == 2)
        return sleeper.sleeps
    }

    @Test("a seconds hint on 429 and 503 is waited out before the next request", arguments: [429, 503])
    func secondsHonoured(status: Int) async throws {
        #expect(try await sleeps(status: status, retryAfter: "7") == [.seconds(7)])
    }

    @Test("an HTTP-date hint is waited out")
    func dateHonoured() async throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let value = formatter.string(from: Date().addingTimeInterval(120))

        let slept = try #require(try await sleeps(retryAfter: value).first)

        #expect(slept > .seconds(115) && slept <= .seconds(120))
    }

    @Test("the hint is clamped to the configured floor and cap")
    func clampedByClient() async throws {
        let settings = HTTPClientSettings(retryAfterFloor: .seconds(5), retryAfterCap: .seconds(30), requestsPerSecond: nil)
        #expect(try await sleeps(retryAfter: "1", settings: settings) == [.seconds(5)])
        #expect(try await sleeps(retryAfter: "3600", settings: settings) == [.seconds(30)])
    }

    @Test("Retry-After: 0 falls back to the normal backoff")
    func zeroIgnored() async throws {
        #expect(try await sleeps(retryAfter: "0") == [.zero])
        #expect(try await sleeps(retryAfter: "0", random: { $0.upperBound }) == [.milliseconds(500)])
    }

    @Test("a longer jittered backoff wins over a shorter hint")
    func backoffWinsWhenLonger() async throws {
        let settings = HTTPClientSettings(initialBackoff: .seconds(10), requestsPerSecond: nil)
        #expect(try await sleeps(retryAfter: "2", settings: settings, random: { $0.upperBound }) == [.seconds(10)])
    }
}

import Foundation
import Testing

@testable import OrderSyncCore

@Suite("Config: http settings")
struct HTTPSettingsConfigTests {
    typealias F = ConfigFixtures

    private func settings(_ http: String) throws -> HTTPSettings {
        try F.parse(F.document(SourceFixture().with("http", http))).sources[0].http
    }

    private func failure(_ http: String, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigError? {
        F.failure(F.document(SourceFixture().with("http", http)), sourceLocation: sourceLocation)
    }

    @Test func everyKeyIsRead() throws {
        let read = try settings(
            """
            {"connect_timeout_seconds": 3, "request_timeout_seconds": 45, "max_attempts": 1,
             "initial_backoff_ms": 250, "max_backoff_seconds": 20, "retry_after_floor_seconds": 0,
             "retry_after_cap_seconds": 120, "requests_per_second": 0.5, "max_response_bytes": 1048576,
             "child_concurrency": 8, "failure_backoff_cap_seconds": 900}
            """)
        #expect(
            read
                == HTTPSettings(
                    connectTimeoutSeconds: 3, requestTimeoutSeconds: 45, maxAttempts: 1,
                    initialBackoffMilliseconds: 250, maxBackoffSeconds: 20, retryAfterFloorSeconds: 0,
                    retryAfterCapSeconds: 120, requestsPerSecond: 0.5, maxResponseBytes: 1_048_576,
                    childConcurrency: 8, failureBackoffCapSeconds: 900))
    }

    @Test func emptyObjectKeepsTheDefaults() throws {
        let read = try settings("{}")
        #expect(read == HTTPSettings())
        #expect(read.connectTimeoutSeconds == 10 && read.maxAttempts == 5 && read.requestsPerSecond == 10)
        #expect(read.retryAfterFloorSeconds == 1 && read.retryAfterCapSeconds == 300)
        #expect(read.childConcurrency == 4 && read.failureBackoffCapSeconds == 900)
        #expect(try settings(#"{"requests_per_second": 25}"#).requestsPerSecond == 25)
    }

    @Test(arguments: [
        (#"{"connect_timeout_seconds": 0.5}"#, "sources[0].http.connect_timeout_seconds: expected an integer from 1 to 3600, got 0.5"),
        (#"{"request_timeout_seconds": 0}"#, "sources[0].http.request_timeout_seconds: expected an integer from 1 to 3600, got 0"),
        (#"{"max_attempts": 0}"#, "sources[0].http.max_attempts: expected an integer from 1 to 100, got 0"),
        (#"{"requests_per_second": 0}"#, "sources[0].http.requests_per_second: expected a number greater than 0, got 0"),
        (#"{"requests_per_second": "10"}"#, #"sources[0].http.requests_per_second: expected a number greater than 0, got "10""#),
        (#"{"child_concurrency": -2}"#, "sources[0].http.child_concurrency: expected an integer from 1 to 64, got -2"),
        (#"{"max_response_bytes": 99999999999999999999}"#, "sources[0].http.max_response_bytes: expected an integer from 1 to 4294967296, got 99999999999999999999"),
        (#"{"failure_backoff_cap_seconds": 86401}"#, "sources[0].http.failure_backoff_cap_seconds: expected an integer from 1 to 86400, got 86401"),
        (#"{"failure_backoff_cap_seconds": 0}"#, "sources[0].http.failure_backoff_cap_seconds: expected an integer from 1 to 86400, got 0"),
        (#"{"max_attempt": 3}"#, #"sources[0].http.max_attempt: unknown key; did you mean "max_attempts"?"#),
    ])
    func badValuesNameTheirKey(http: String, expected: String) {
        #expect(failure(http)?.description == expected)
    }

    @Test func retryAfterFloorMayNotExceedTheCap() {
        #expect(
            failure(#"{"retry_after_floor_seconds": 60, "retry_after_cap_seconds": 30}"#)?.description
                == "sources[0].http.retry_after_floor_seconds: retry_after_floor_seconds (60) must not exceed "
                + "retry_after_cap_seconds (30)")
        // A cap below the default floor is blamed on the cap, the key that was written.
        #expect(failure(#"{"retry_after_cap_seconds": 0}"#)?.path == "sources[0].http.retry_after_cap_seconds")
        #expect(failure(#"{"retry_after_floor_seconds": 301}"#)?.path == "sources[0].http.retry_after_floor_seconds")
        // A wrong value is reported once, not again as a clash with the other bound.
        #expect(failure(#"{"retry_after_floor_seconds": 5, "retry_after_cap_seconds": "x"}"#)?.all.count == 1)
    }

    @Test func initialBackoffMayNotExceedTheMaximum() {
        #expect(
            failure(#"{"initial_backoff_ms": 5000, "max_backoff_seconds": 2}"#)?.description
                == "sources[0].http.initial_backoff_ms: initial_backoff_ms (5000 ms) must not exceed "
                + "max_backoff_seconds (2 s)")
    }
}

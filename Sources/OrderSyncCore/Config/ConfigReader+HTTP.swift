/// The `http` object of a source. Ranges are generous but keep values that would hang a source
/// forever or overflow a nanosecond conversion out.
extension ConfigReader {
    static let httpKeys = [
        "connect_timeout_seconds", "request_timeout_seconds", "max_attempts", "initial_backoff_ms",
        "max_backoff_seconds", "retry_after_floor_seconds", "retry_after_cap_seconds", "requests_per_second",
        "max_response_bytes", "child_concurrency", "failure_backoff_cap_seconds",
    ]

    private static let day = 86_400

    mutating func readHTTPSettings(in source: ConfigFields) -> HTTPSettings {
        let defaults = HTTPSettings()
        guard let value = source["http"],
            let fields = fields(of: value, at: source.path(of: "http"), allowed: Self.httpKeys)
        else { return defaults }
        let connectTimeout = integer("connect_timeout_seconds", in: fields, range: 1...3_600)
        let requestTimeout = integer("request_timeout_seconds", in: fields, range: 1...3_600)
        let maxAttempts = integer("max_attempts", in: fields, range: 1...100)
        let initialBackoff = integer("initial_backoff_ms", in: fields, range: 1...3_600_000)
        let maxBackoff = integer("max_backoff_seconds", in: fields, range: 1...Self.day)
        let floor = integer("retry_after_floor_seconds", in: fields, range: 0...Self.day)
        let cap = integer("retry_after_cap_seconds", in: fields, range: 1...Self.day)
        let rate = positiveNumber("requests_per_second", in: fields)
        let maxBytes = integer("max_response_bytes", in: fields, range: 1...(4 << 30))
        let children = integer("child_concurrency", in: fields, range: 1...64)
        let failureCap = integer("failure_backoff_cap_seconds", in: fields, range: 1...Self.day)

        let settings = HTTPSettings(
            connectTimeoutSeconds: connectTimeout ?? defaults.connectTimeoutSeconds,
            requestTimeoutSeconds: requestTimeout ?? defaults.requestTimeoutSeconds,
            maxAttempts: maxAttempts ?? defaults.maxAttempts,
            initialBackoffMilliseconds: initialBackoff ?? defaults.initialBackoffMilliseconds,
            maxBackoffSeconds: maxBackoff ?? defaults.maxBackoffSeconds,
            retryAfterFloorSeconds: floor ?? defaults.retryAfterFloorSeconds,
            retryAfterCapSeconds: cap ?? defaults.retryAfterCapSeconds,
            requestsPerSecond: rate ?? defaults.requestsPerSecond,
            maxResponseBytes: maxBytes ?? defaults.maxResponseBytes,
            childConcurrency: children ?? defaults.childConcurrency,
            failureBackoffCapSeconds: failureCap ?? defaults.failureBackoffCapSeconds)

        // Pairs are checked on the effective values, so a lone setting that clashes with the
        // other's default is caught too; the message names the key that was written. A value
        // already reported as wrong would only add a confusing second message.
        func valid(_ key: String, _ parsed: Int?) -> Bool { !fields.contains(key) || parsed != nil }
        if valid("retry_after_floor_seconds", floor), valid("retry_after_cap_seconds", cap),
            settings.retryAfterFloorSeconds > settings.retryAfterCapSeconds
        {
            let key = floor != nil ? "retry_after_floor_seconds" : "retry_after_cap_seconds"
            report(
                fields.path(of: key),
                "retry_after_floor_seconds (\(settings.retryAfterFloorSeconds)) must not exceed "
                    + "retry_after_cap_seconds (\(settings.retryAfterCapSeconds))")
        }
        if valid("initial_backoff_ms", initialBackoff), valid("max_backoff_seconds", maxBackoff),
            settings.initialBackoffMilliseconds > settings.maxBackoffSeconds * 1000
        {
            let key = initialBackoff != nil ? "initial_backoff_ms" : "max_backoff_seconds"
            report(
                fields.path(of: key),
                "initial_backoff_ms (\(settings.initialBackoffMilliseconds) ms) must not exceed "
                    + "max_backoff_seconds (\(settings.maxBackoffSeconds) s)")
        }
        return settings
    }
}

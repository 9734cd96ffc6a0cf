/// The reseller settings under a source's `options`, validated once when the adapter is built.
/// Errors name the key relative to the source (`options.token_refresh_fraction`).
public struct ResellerOptions: Sendable, Equatable {
    /// How the open-order refresh re-reads orders that left the open set since the last poll.
    public enum LeaverRecheck: String, Sendable, CaseIterable {
        /// One `q=id:<id>` request per leaver: exact, costs one request each.
        case byID = "by_id"
        /// One `q=submit_date>=<oldest leaver's submit_date>,status>=3,paid:1` walk: a few pages
        /// whatever the number of leavers, but it re-reads every closed order since that date.
        case submittedSince = "submitted_since"
    }

    static let keys = ["leaver_recheck", "token_refresh_fraction"]

    /// `leaver_recheck`, default `by_id`.
    public var leaverRecheck: LeaverRecheck = .byID
    /// `token_refresh_fraction`, default 0.9: the part of `expires_in` after which a token is
    /// replaced before use, in (0, 1].
    public var tokenRefreshFraction: Double = 0.9

    public init() {}

    public init(_ options: JSONObject) throws(ConfigError) {
        for key in options.keys where !Self.keys.contains(key) {
            let hint = KeySuggestion.closest(to: key, among: Self.keys).map { "; did you mean \"\($0)\"?" }
                ?? "; the reseller options are \(Self.keys.joined(separator: ", "))"
            throw ConfigError(path: "options.\(key)", message: "unknown reseller option\(hint)")
        }
        if let value = options["leaver_recheck"] {
            let allowed = LeaverRecheck.allCases.map(\.rawValue)
            guard let text = value.stringValue, let recheck = LeaverRecheck(rawValue: text) else {
                throw ConfigError(path: "options.leaver_recheck",
                                  message: "expected one of \(allowed.joined(separator: ", ")), got \(value.serialized)")
            }
            leaverRecheck = recheck
        }
        if let value = options["token_refresh_fraction"] {
            guard case .number(let text) = value, let fraction = Double(text), fraction > 0, fraction <= 1 else {
                throw ConfigError(path: "options.token_refresh_fraction",
                                  message: "expected a number above 0 and at most 1 (e.g. 0.9), got \(value.serialized)")
            }
            tokenRefreshFraction = fraction
        }
    }
}

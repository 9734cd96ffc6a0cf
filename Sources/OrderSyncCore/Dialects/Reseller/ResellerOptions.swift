/// The reseller settings under a source's `options`, declared as data and read typed.
public struct ResellerOptions: Sendable, Equatable {
    /// How the open-order refresh re-reads orders that left the open set since the last poll.
    public enum LeaverRecheck: String, Sendable, CaseIterable {
        /// One `q=id:<id>` request per leaver: exact, costs one request each.
        case byID = "by_id"
        /// One `q=submit_date>=<oldest leaver's submit_date>,status>=3,paid:1` walk: a few pages
        /// whatever the number of leavers, but it re-reads every closed order since that date.
        case submittedSince = "submitted_since"
    }

    static let declarations = [
        DialectOption("leaver_recheck", .choice(LeaverRecheck.allCases.map(\.rawValue)), default: .string("by_id"),
                      "how orders that left the open set are read again: `by_id` (one request each) or `submitted_since` (one walk)"),
        DialectOption("token_refresh_fraction", .fraction, default: .number("0.9"),
                      "the part of `expires_in` after which a token is replaced before use"),
    ]

    /// `leaver_recheck`, default `by_id`.
    public var leaverRecheck: LeaverRecheck = .byID
    /// `token_refresh_fraction`, default 0.9: the part of `expires_in` after which a token is
    /// replaced before use, in (0, 1].
    public var tokenRefreshFraction: Double = 0.9

    public init() {}

    init(_ values: DialectOptionValues) {
        leaverRecheck = LeaverRecheck(rawValue: values.string("leaver_recheck")) ?? .byID
        tokenRefreshFraction = values.double("token_refresh_fraction")
    }

    /// Checks and reads `options` (errors name `options.<key>`, relative to the source).
    public init(_ options: JSONObject) throws(ConfigError) {
        self.init(try DialectOptionValues.validated(options, declared: Self.declarations, dialect: "reseller"))
    }
}

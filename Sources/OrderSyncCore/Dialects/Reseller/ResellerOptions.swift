/// The reseller settings under a source's `options`, each declared once as a `DialectOptionKey`.
public struct ResellerOptions: Sendable, Equatable {
    /// How the open-order refresh re-reads orders that left the open set since the last poll.
    public enum LeaverRecheck: String, Sendable, CaseIterable {
        /// One `q=id:<id>` request per leaver: exact, costs one request each.
        case byID = "by_id"
        /// One `q=submit_date>=<oldest leaver's submit_date>,status>=3,paid:1` walk: a few pages
        /// whatever the number of leavers, but it re-reads every closed order since that date.
        case submittedSince = "submitted_since"
    }

    static let leaverRecheckKey = DialectOptionKey.choice(
        "leaver_recheck", LeaverRecheck.allCases.map(\.rawValue), default: LeaverRecheck.byID.rawValue,
        "how orders that left the open set are read again: `by_id` (one request each) or `submitted_since` (one walk)")
    static let tokenRefreshFractionKey = DialectOptionKey.fraction(
        "token_refresh_fraction", default: "0.9", "the part of `expires_in` after which a token is replaced before use")

    static let declarations = [leaverRecheckKey.declaration, tokenRefreshFractionKey.declaration]

    /// `leaver_recheck`.
    public var leaverRecheck = LeaverRecheck(rawValue: ResellerOptions.leaverRecheckKey.defaultValue) ?? .byID
    /// `token_refresh_fraction`: the part of `expires_in` after which a token is replaced before
    /// use, in (0, 1].
    public var tokenRefreshFraction = ResellerOptions.tokenRefreshFractionKey.defaultValue

    public init() {}

    init(_ values: DialectOptionValues) {
        leaverRecheck = LeaverRecheck(rawValue: values[Self.leaverRecheckKey]) ?? .byID
        tokenRefreshFraction = values[Self.tokenRefreshFractionKey]
    }

    /// Checks and reads `options` (errors name `options.<key>`, relative to the source).
    public init(_ options: JSONObject) throws(ConfigError) {
        self.init(try DialectOptionValues.validated(options, declared: Self.declarations, dialect: "reseller"))
    }
}

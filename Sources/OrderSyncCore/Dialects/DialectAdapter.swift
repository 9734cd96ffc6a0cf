import FoundationEssentials

/// One upstream dialect: a declaration of which shared mechanisms fetch it (list endpoint,
/// pagination, streams, detail fetches, auth) plus the mapping from its JSON to canonical
/// records. Every quirk of a provider lives in its adapter; nothing here touches SQL.
public protocol DialectAdapter: Sendable {
    /// The `dialect` value in the configuration.
    static var name: String { get }
    /// The credentials a source of this dialect needs.
    static var authKind: DialectRequirements.AuthKind { get }
    /// The keys a source's `options` may have, as data: the configuration loader validates
    /// them, the adapter reads them through `DialectOptionValues`, the docs table lists them.
    static var optionDeclarations: [DialectOption] { get }
    /// Source settings the dialect cannot honour; `check-config` warns when one is set.
    static var ignoredSettings: [IgnoredSetting] { get }

    /// Builds the adapter for one configured source, validating its dialect options. Errors
    /// name key paths relative to the source object (`page_size`, `options.filter_param`).
    init(source: SourceConfiguration) throws(ConfigError)

    var list: ListEndpoint { get }
    /// The streams a poll runs, in order.
    var pollStreams: [PollStream] { get }
    var backfill: BackfillPlan { get }
    /// The per-order request for what the list leaves out, if the dialect needs one.
    var detail: DetailFetch? { get }

    /// How `verify` compares the upstream with the database (list pages only).
    var verification: VerifyPlan { get }
    /// Raw status to canonical status as this source maps it (its `status_map` included), for
    /// `verify` to check the stored canonical `status`; nil when the dialect maps otherwise.
    var statusMapping: StatusMapping? { get }
    /// The upstream id of a list item, or nil when it has none (the item is then rejected).
    func identity(of item: JSONObject) -> String?
    /// Requests fetched once at the start of every run, for the mapping to consult.
    var references: [ReferenceRequest] { get }
    /// Turns one record (a list item merged with its detail) into a canonical order.
    func mapOrder(_ record: JSONValue, context: MappingContext) throws(MappingError) -> CanonicalOrder
    /// Turns one record of a child sweep (`PollStream.childSweep`) into an invoice of `orderID`.
    func mapInvoice(_ record: JSONValue, orderID: String, context: MappingContext) throws(MappingError) -> CanonicalInvoice
    /// Refuses a 2xx body that still reports a failure (an envelope with `success: false`).
    func checkEnvelope(_ body: JSONValue) throws(UpstreamError)
    /// How requests of this source are authorized.
    func makeAuthorizer(source: SourceConfiguration) -> any Authorizer
}

extension DialectAdapter {
    public static var authKind: DialectRequirements.AuthKind { .token }

    public static var optionDeclarations: [DialectOption] { [] }

    public static var ignoredSettings: [IgnoredSetting] { [] }

    /// The source's `options` checked against `optionDeclarations` (every problem at once, paths
    /// relative to the source); a loaded configuration has passed this check already.
    public static func optionValues(_ source: SourceConfiguration) throws(ConfigError) -> DialectOptionValues {
        try DialectOptionValues.validated(source.options, declared: optionDeclarations, dialect: name)
    }

    public var detail: DetailFetch? { nil }

    public var statusMapping: StatusMapping? { nil }

    public var references: [ReferenceRequest] { [] }

    /// Maps a record that needs no reference data (tests, tools).
    public func mapOrder(_ record: JSONValue) throws(MappingError) -> CanonicalOrder {
        try mapOrder(record, context: MappingContext())
    }

    public func mapInvoice(_ record: JSONValue, orderID: String, context: MappingContext) throws(MappingError) -> CanonicalInvoice {
        throw MappingError(path: "", message: "the \(Self.name) dialect declares no invoices")
    }

    public func checkEnvelope(_ body: JSONValue) throws(UpstreamError) {}

    /// The authorizer `authKind` implies: a bearer token, or an API key in its header. A login
    /// (`.usernamePassword`) is the dialect's own `Authorizer`, returned by its own override.
    public func makeAuthorizer(source: SourceConfiguration) -> any Authorizer {
        let key = source.auth.token ?? Secret("")
        if case .apiKey(let header) = Self.authKind {
            return APIKeyAuthorizer(header: header, key: key)
        }
        return BearerTokenAuthorizer(token: key)
    }

    /// The page size to ask for: the source's setting, else the dialect's default.
    public static func pageSize(_ source: SourceConfiguration, default fallback: Int) -> Int {
        source.pageSize ?? fallback
    }
}

/// An upstream answered 2xx but said the request failed.
public struct UpstreamError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "the upstream reported a failure: \(message)" }
}

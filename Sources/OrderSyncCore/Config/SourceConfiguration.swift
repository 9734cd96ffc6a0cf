import FoundationEssentials

/// One upstream to poll, as validated from an element of `sources`.
public struct SourceConfiguration: Sendable, Equatable {
    /// `name`: unique across sources, `^[a-z0-9][a-z0-9_.-]{0,63}$`; keys checkpoints and rows.
    public let name: String
    /// `dialect`: one of the dialect names the loader was given.
    public let dialect: String
    /// `base_url`: https (or http on loopback), no credentials, query or fragment, no trailing slash.
    public let baseURL: URL
    /// `auth`: the resolved secrets the dialect needs.
    public let auth: SourceAuth
    /// `enabled`: a disabled source is kept in the file but never polled.
    public let enabled: Bool
    /// `poll_interval_seconds`: the pause between polls of this source.
    public let pollIntervalSeconds: Int
    /// `start_date`: `YYYY-MM-DD` in `timezone`, the earliest orders the first sync reads.
    public let startDate: String
    /// Whether `start_date` was absent and set to 30 days before loading.
    public let startDateWasDefaulted: Bool
    /// `page_size`: nil leaves the dialect's own default.
    public let pageSize: Int?
    /// `timezone`: how the upstream's zone-less timestamps and `start_date` are read; UTC by default.
    public let timezone: ZoneRules
    /// `currency`: the ISO 4217 code for amounts the upstream sends without one.
    public let currency: String?
    /// `status_map`: upstream status text → canonical status, consulted before the dialect's own mapping.
    public let statusMap: [String: OrderStatus]
    /// `lookback_seconds`: how far before the cursor each incremental poll re-reads, for late writes.
    public let lookbackSeconds: Int
    /// `slice_days`: the window step of a backfill.
    public let sliceDays: Int
    /// `verify_interval_hours`: how often `run` verifies (and repairs) the source; 0 never.
    public let verifyIntervalHours: Int
    /// `http`: timeouts, retries and pacing.
    public let http: HTTPSettings
    /// `options`: dialect-specific settings, as written; the loader has checked them against the
    /// dialect's `DialectOption` declarations, and adapters read them through `DialectOptionValues`.
    public let options: JSONObject

    /// A source built in code, e.g. by tests, with the loader's defaults; it is not validated.
    public init(
        name: String,
        dialect: String,
        baseURL: URL,
        auth: SourceAuth = SourceAuth(),
        enabled: Bool = true,
        pollIntervalSeconds: Int = 300,
        startDate: String,
        startDateWasDefaulted: Bool = false,
        pageSize: Int? = nil,
        timezone: ZoneRules = ZoneRules.utc,
        currency: String? = nil,
        statusMap: [String: OrderStatus] = [:],
        lookbackSeconds: Int = 86_400,
        sliceDays: Int = 30,
        verifyIntervalHours: Int = 24,
        http: HTTPSettings = HTTPSettings(),
        options: JSONObject = JSONObject()
    ) {
        self.name = name
        self.dialect = dialect
        self.baseURL = baseURL
        self.auth = auth
        self.enabled = enabled
        self.pollIntervalSeconds = pollIntervalSeconds
        self.startDate = startDate
        self.startDateWasDefaulted = startDateWasDefaulted
        self.pageSize = pageSize
        self.timezone = timezone
        self.currency = currency
        self.statusMap = statusMap
        self.lookbackSeconds = lookbackSeconds
        self.sliceDays = sliceDays
        self.verifyIntervalHours = verifyIntervalHours
        self.http = http
        self.options = options
    }
}

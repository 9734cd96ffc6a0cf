/// What a client's source needs to talk to one simulated dialect, beyond its
/// name and base URL, as the dialect declares it: `ordersync simulate
/// --write-config` and `demo` write these into the configuration.
public struct SimSourceSettings: Sendable {
    /// The members of the source's `auth` object, in order (e.g. `token`, or
    /// `username` and `password`).
    public var auth: [(key: String, value: String)]
    /// Upstream status → canonical status entries the simulated data needs
    /// (`status_map`), in order; empty when the dialect's own table covers it.
    public var statusMap: [(key: String, value: String)]

    public init(auth: [(key: String, value: String)], statusMap: [(key: String, value: String)] = []) {
        self.auth = auth
        self.statusMap = statusMap
    }
}

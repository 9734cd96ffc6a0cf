/// formations: a fixed page size, and status codes without a published
/// meaning, so a client needs a `status_map` for the simulated codes.
extension FormationsDialect {
    /// The status map a client needs for the codes this simulator uses (950 is
    /// deliberately left out, to show up as unmapped).
    static let suggestedStatusMap = [("100", "pending"), ("300", "confirmed"), ("500", "in_progress"),
                                     ("700", "completed"), ("900", "cancelled")]

    static func sourceSettings(_ configuration: SimulatorConfiguration) -> SimSourceSettings {
        SimSourceSettings(auth: [(key: "token", value: configuration.token(for: dialect) ?? "")],
                          statusMap: suggestedStatusMap.map { (key: $0.0, value: $0.1) })
    }
}

extension SimulatorConfiguration {
    /// The fixed formations page size (default 50); clients cannot ask for another.
    public var formationsPageSize: Int {
        get { setting("formations.page_size", default: 50) }
        set { dialectSettings["formations.page_size"] = newValue }
    }
}

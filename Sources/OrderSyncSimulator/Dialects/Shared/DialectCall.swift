/// One request as a dialect sees it: the path below the dialect prefix, the
/// real current time, and whether a bad-record fault wants an extra item.
@_spi(SimulatedDialects) public struct DialectCall: Sendable {
    @_spi(SimulatedDialects) public let request: HTTPRequest
    /// The path after `/<dialect>`, e.g. `/obapi/v1/orders/350`.
    @_spi(SimulatedDialects) public let path: String
    /// `path` split on `/`, empty segments dropped.
    @_spi(SimulatedDialects) public let segments: [String]
    /// Real time of the request, microseconds since the epoch.
    @_spi(SimulatedDialects) public let nowMicro: Int64
    let configuration: SimulatorConfiguration
    /// Set when a bad-record fault hit this list request.
    let badRecord: BadRecord?

    init(request: HTTPRequest, path: String, nowMicro: Int64, configuration: SimulatorConfiguration,
         badRecord: BadRecord?) {
        self.request = request
        self.path = path
        self.segments = path.split(separator: "/").map(String.init)
        self.nowMicro = nowMicro
        self.configuration = configuration
        self.badRecord = badRecord
    }

    @_spi(SimulatedDialects) public var method: String { request.method }

    /// Real time of the request in whole seconds.
    @_spi(SimulatedDialects) public var now: Int64 { CivilTime.floorDiv(nowMicro, 1_000_000) }

    /// A query value, treating an empty value as absent.
    @_spi(SimulatedDialects) public func query(_ name: String) -> String? {
        guard let value = request.query(name), !value.isEmpty else { return nil }
        return value
    }

    /// A positive integer query value, `fallback` when absent.
    @_spi(SimulatedDialects) public func positiveInt(_ name: String, default fallback: Int) throws(DialectError) -> Int {
        guard let text = query(name) else { return fallback }
        guard let value = Int(text), value >= 1 else {
            throw .badRequest("`\(name)` must be a positive integer, got `\(text)`")
        }
        return value
    }

    /// A `YYYY-MM-DD` query value as 00:00 UTC, nil when absent.
    @_spi(SimulatedDialects) public func date(_ name: String) throws(DialectError) -> Int64? {
        guard let text = query(name) else { return nil }
        guard let value = CivilTime.parseDate(text) else {
            throw .badRequest("`\(name)` must be a date like 2024-05-15, got `\(text)`")
        }
        return value
    }

    /// Appends the bad record, if any, to a rendered list page.
    @_spi(SimulatedDialects) public func decorate(_ items: [JSONValue], template: JSONValue?, fields: BadRecord.Fields) -> [JSONValue] {
        guard let badRecord, let template = items.first ?? template else { return items }
        return items + [badRecord.item(from: template, fields: fields)]
    }
}

/// Whole-day bounds, both inclusive: `from` and `to` are 00:00 UTC of their days.
func withinDays(_ seconds: Int64, from: Int64?, to: Int64?) -> Bool {
    if let from, seconds < from { return false }
    if let to, seconds >= to + CivilTime.day { return false }
    return true
}

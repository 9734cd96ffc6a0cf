/// One upstream order API the simulator speaks, by name.
///
/// The raw value is also the URL prefix: a dialect's base URL is
/// `http://127.0.0.1:PORT/<rawValue>`. The dialects are the ones listed in
/// `SimulatedDialects.all`; each declares its own constant (`SimDialect.erp`)
/// in its folder.
public struct SimDialect: RawRepresentable, CaseIterable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// The registered dialect of that name; nil when no simulated dialect has it.
    public init?(rawValue: String) {
        guard SimulatedDialects.implementation(named: rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    /// For a dialect's own constant.
    @_spi(SimulatedDialects) public init(registering name: String) {
        self.rawValue = name
    }

    /// Every registered dialect, in registry order.
    public static var allCases: [SimDialect] {
        SimulatedDialects.all.map { $0.dialect }
    }

    public var description: String { rawValue }

    public static func < (lhs: SimDialect, rhs: SimDialect) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The implementation of this dialect.
    var api: any SimulatedDialect.Type {
        guard let api = SimulatedDialects.implementation(named: rawValue) else {
            preconditionFailure("simulated dialect `\(rawValue)` is not in SimulatedDialects.all")
        }
        return api
    }
}

import PlatformSupport

/// The registry: every dialect the simulator serves, one line each.
///
/// Adding a dialect is a folder under `Dialects/` with a type conforming to
/// `SimulatedDialect`, and a line here.
@_spi(SimulatedDialects) public enum SimulatedDialects {
    /// The dialects the product's simulator serves.
    @_spi(SimulatedDialects) public static let builtIn: [any SimulatedDialect.Type] = [
        MobilityDialect.self,
        ResellerDialect.self,
        ErpDialect.self,
        FormationsDialect.self,
        LifecycleDialect.self,
    ]

    /// Dialects added at process start by `register(_:)` (a test binary's own dialect).
    private static let registered = LockedBox<[any SimulatedDialect.Type]>([])

    /// The built-in dialects, then the registered ones.
    static var all: [any SimulatedDialect.Type] {
        builtIn + registered.withValue { $0 }
    }

    /// Adds a dialect defined outside this module. Call it before a simulator starts: the
    /// dialects a simulator serves must not change while it runs. Registering a name twice is a
    /// no-op, so a test helper may call it more than once.
    @_spi(SimulatedDialects) public static func register(_ dialect: any SimulatedDialect.Type) {
        registered.withValue { list in
            let name = dialect.dialect.rawValue
            guard !builtIn.contains(where: { $0.dialect.rawValue == name }),
                  !list.contains(where: { $0.dialect.rawValue == name }) else { return }
            list.append(dialect)
        }
    }

    static func implementation(named name: String) -> (any SimulatedDialect.Type)? {
        all.first { $0.dialect.rawValue == name }
    }
}

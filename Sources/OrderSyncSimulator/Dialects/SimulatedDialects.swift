/// The registry: every dialect the simulator serves, one line each.
///
/// Adding a dialect is a folder under `Dialects/` with a type conforming to
/// `SimulatedDialect`, and a line here.
enum SimulatedDialects {
    static var all: [any SimulatedDialect.Type] {
        [
            MobilityDialect.self,
            ResellerDialect.self,
            ErpDialect.self,
            FormationsDialect.self,
            LifecycleDialect.self,
        ]
    }

    static func implementation(named name: String) -> (any SimulatedDialect.Type)? {
        all.first { $0.dialect.rawValue == name }
    }
}

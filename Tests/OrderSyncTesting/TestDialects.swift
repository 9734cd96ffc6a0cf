import OrderSyncCore
import OrderSyncSixthDialect

/// The dialects the registry-iterating suites (pipeline, crash, verify) run over: the product's
/// five plus the test-only sixth (`Tests/SixthDialect`), which this registers in the test process
/// the first time it is read, before any simulator or configuration of the tests that use it.
public enum TestDialects {
    /// Every registered dialect's name, the sixth included.
    public static var names: [String] {
        _ = registration
        return DialectRegistry.all.map { $0.name }
    }

    /// The sixth dialect's name, registered.
    public static var sixth: String {
        _ = registration
        return SixthTestDialect.name
    }

    private static let registration: Void = SixthTestDialect.register()
}

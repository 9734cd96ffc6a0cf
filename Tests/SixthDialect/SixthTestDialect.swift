import OrderSyncCore
@_spi(SimulatedDialects) import OrderSyncSimulator

/// The test-only sixth dialect's two registry lines: its adapter in the daemon's registry and its
/// upstream in the simulator's. A process calls `register()` once at start, before it loads a
/// configuration or starts a simulator (the test binary `ordersync-with-sixth` and the test
/// helpers do).
public enum SixthTestDialect {
    /// The dialect's name, `sixth`.
    public static let name = SixthAdapter.name

    public static func register() {
        DialectRegistry.register(SixthAdapter.self)
        SimulatedDialects.register(SixthDialect.self)
    }
}

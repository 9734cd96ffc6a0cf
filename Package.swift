// swift-tools-version:6.0
import PackageDescription

// No package dependencies by design: FoundationEssentials, Dispatch and the system libcurl
// and libsqlite3 only. The product modules import FoundationEssentials, never Foundation:
// Foundation and its ICU data would be a quarter of the daemon's memory (docs/benchmarks.md).
let package = Package(
    name: "ordersync",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ordersync", targets: ["ordersync"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Threads, locks and stdio on Linux without Foundation (see its files): shared by the
        // daemon and the simulator, which otherwise know nothing of each other.
        .target(name: "PlatformSupport"),
        .target(name: "OrderSyncCore", dependencies: ["PlatformSupport", "CSQLite", "CCurl"]),
        .target(name: "OrderSyncSimulator", dependencies: ["PlatformSupport"]),
        .target(name: "OrderSyncCLI", dependencies: ["OrderSyncCore", "OrderSyncSimulator"]),
        .executableTarget(name: "ordersync", dependencies: ["OrderSyncCLI"]),
        .target(
            name: "OrderSyncTesting",
            dependencies: ["OrderSyncCore", "OrderSyncSimulator", "OrderSyncCLI", "OrderSyncSixthDialect"],
            path: "Tests/OrderSyncTesting"
        ),
        // Test support: a dialect that lives in `Tests/` alone (adapter and simulated upstream),
        // and `ordersync` with it registered, for the tests that run a real process.
        .target(
            name: "OrderSyncSixthDialect",
            dependencies: ["OrderSyncCore", "OrderSyncSimulator"],
            path: "Tests/SixthDialect"
        ),
        .executableTarget(
            name: "ordersync-with-sixth",
            dependencies: ["OrderSyncCLI", "OrderSyncSixthDialect"],
            path: "Tests/OrderSyncSixthBinary"
        ),
        .testTarget(
            name: "OrderSyncCoreTests",
            dependencies: ["OrderSyncCore", "OrderSyncTesting", "OrderSyncSixthDialect"],
            // JSON test material, one folder per dialect (`Fixtures/<dialect>/`).
            exclude: ["Fixtures"]
        ),
        // libpq's header, for tests only: the product loads libpq at run time with hand-written
        // declarations (Store/PostgreSQL/LibPQ.swift); PostgresDriverTests checks them against it.
        .systemLibrary(
            name: "CLibPQ",
            path: "Tests/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .testTarget(
            name: "PostgresDriverTests",
            dependencies: ["OrderSyncCore", "OrderSyncTesting", "CLibPQ"]
        ),
        .testTarget(name: "OrderSyncSimulatorTests", dependencies: ["OrderSyncSimulator"]),
        .testTarget(name: "PlatformSupportTests", dependencies: ["PlatformSupport"]),
        // Depends on the executable so that `swift test` builds the real binary the crash and
        // signal tests run as a separate process.
        .testTarget(
            name: "OrderSyncIntegrationTests",
            dependencies: [
                "PlatformSupport", "OrderSyncCore", "OrderSyncSimulator", "OrderSyncCLI", "OrderSyncTesting", "ordersync",
                "ordersync-with-sixth",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

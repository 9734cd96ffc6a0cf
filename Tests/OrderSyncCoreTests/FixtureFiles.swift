import Foundation

/// Where the test JSON lives: `Tests/OrderSyncCoreTests/Fixtures/<dialect>/`, one folder per
/// dialect, read through `#filePath` (not SwiftPM resources, so the target needs no resource
/// bundle). `Package.swift` excludes `Fixtures` once: a new dialect adds a folder, no manifest edit.
enum FixtureFiles {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// The fixture folder of one dialect.
    static func directory(for dialect: String) -> URL {
        root.appendingPathComponent(dialect)
    }
}

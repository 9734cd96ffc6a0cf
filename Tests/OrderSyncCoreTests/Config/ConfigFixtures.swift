import Foundation
import Testing

@testable import OrderSyncCore

/// Building blocks for configuration tests: a valid source to vary one key at a time, and
/// parse helpers with a fixed clock and known dialects.
enum ConfigFixtures {
    static let dialects = [
        DialectRequirements(name: "erp", auth: .token, options: [
            DialectOption("tenant", .text, default: .string("main"), "a test option"),
            DialectOption("limit", .number, default: .number("1"), "a test option"),
        ]),
        DialectRequirements(name: "reseller", auth: .usernamePassword),
    ]

    /// 2024-03-31 12:00:00 UTC, so the default start date is 2024-03-01.
    static let now = Date(timeIntervalSince1970: 1_711_886_400)

    static func parse(
        _ text: String, environment: [String: String] = [:], baseDirectory: String = "/nonexistent"
    ) throws(ConfigError) -> Configuration {
        try ConfigLoader.parse(
            text: text, environment: environment, dialects: dialects, now: now, baseDirectory: baseDirectory)
    }

    /// The error loading `text` throws; records a test failure when it loads.
    static func failure(
        _ text: String, environment: [String: String] = [:], baseDirectory: String = "/nonexistent",
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ConfigError? {
        do {
            _ = try parse(text, environment: environment, baseDirectory: baseDirectory)
            Issue.record("expected the configuration to be refused", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// A whole document around the given sources.
    static func document(_ sources: SourceFixture..., root: String = "") -> String {
        let list = sources.map(\.json).joined(separator: ",\n")
        return #"{"database": "/var/lib/ordersync/orders.db", \#(root)"sources": [\#(list)]}"#
    }

    /// Creates a temporary directory, runs `body` with its path, and always removes it.
    static func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ordersync-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

/// One source as JSON members (key, raw JSON), valid as given; `with` and `without` vary it.
struct SourceFixture {
    private var members: [(key: String, json: String)] = [
        ("name", #""acme""#),
        ("dialect", #""erp""#),
        ("base_url", #""https://erp.example/api/""#),
        ("auth", #"{"token": "t0k3n"}"#),
    ]

    /// The same source with `key` set to the raw JSON `json` (replaced in place or appended).
    func with(_ key: String, _ json: String) -> SourceFixture {
        var copy = self
        if let index = copy.members.firstIndex(where: { $0.key == key }) {
            copy.members[index].json = json
        } else {
            copy.members.append((key, json))
        }
        return copy
    }

    func without(_ key: String) -> SourceFixture {
        var copy = self
        copy.members.removeAll { $0.key == key }
        return copy
    }

    var json: String {
        "{" + members.map { "\(JSONValue.string($0.key).serialized): \($0.json)" }.joined(separator: ", ") + "}"
    }
}

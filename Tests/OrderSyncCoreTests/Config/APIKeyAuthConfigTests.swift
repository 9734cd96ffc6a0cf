import Foundation
import Testing

@testable import OrderSyncCore

/// `.apiKey(header:)`: the key is given like a token (inline, `token_env`, `token_file`), a
/// username or password is refused, and no message shows the key.
@Suite("Config: API key auth")
struct APIKeyAuthConfigTests {
    static let dialects = [DialectRequirements(name: "keyed", auth: .apiKey(header: "X-Api-Key"))]
    static let key = "zq7-API-key-27182"

    static func parse(_ auth: String, environment: [String: String] = [:]) throws(ConfigError) -> Configuration {
        let text = ConfigFixtures.document(SourceFixture().with("dialect", #""keyed""#).with("auth", auth))
        return try ConfigLoader.parse(text: text, environment: environment, dialects: dialects, now: ConfigFixtures.now,
                                      baseDirectory: "/nonexistent")
    }

    @Test func theKeyIsReadFromTheTokenKeys() throws {
        #expect(try Self.parse(#"{"token": "\#(Self.key)"}"#).sources[0].auth.token == Secret(Self.key))
        let fromEnvironment = try Self.parse(#"{"token_env": "KEYED_KEY"}"#, environment: ["KEYED_KEY": Self.key])
        #expect(fromEnvironment.sources[0].auth.token == Secret(Self.key))
    }

    @Test func aUsernameIsRefusedAndAMissingKeyNamed() {
        do {
            _ = try Self.parse(#"{"username": "\#(Self.key)", "password": "p"}"#)
        } catch {
            let text = error.all.map(\.description).joined(separator: "\n")
            #expect(text.contains("sources[0].auth.username: not used by dialect \"keyed\", which authenticates with a token"), "\(text)")
            #expect(text.contains("sources[0].auth.token: required key missing"), "\(text)")
            #expect(!text.contains(Self.key))
        }
    }
}

import Foundation
import Testing

@testable import OrderSyncCore

@Suite("Config: secrets")
struct ConfigSecretTests {
    typealias F = ConfigFixtures

    /// Distinctive, so finding it anywhere in an error means a leak.
    static let secret = "zq7-SECRET-value-31415"

    private func source(auth: String, dialect: String = "erp") -> String {
        F.document(SourceFixture().with("dialect", "\"\(dialect)\"").with("auth", auth))
    }

    @Test func inlineAndEnvironmentTokens() throws {
        let inline = try F.parse(source(auth: #"{"token": "\#(Self.secret)"}"#))
        #expect(inline.sources[0].auth.token?.reveal == Self.secret)
        let fromEnvironment = try F.parse(
            source(auth: #"{"token_env": "ACME_TOKEN"}"#), environment: ["ACME_TOKEN": Self.secret])
        #expect(fromEnvironment.sources[0].auth.token == Secret(Self.secret))
    }

    @Test func missingOrEmptyEnvironmentVariable() {
        let text = source(auth: #"{"token_env": "ACME_TOKEN"}"#)
        #expect(F.failure(text)?.description == "sources[0].auth.token_env: environment variable ACME_TOKEN is not set")
        #expect(
            F.failure(text, environment: ["ACME_TOKEN": ""])?.description
                == "sources[0].auth.token_env: environment variable ACME_TOKEN is empty")
    }

    @Test func fileSecretsTrimTheTrailingNewline() throws {
        try F.withTemporaryDirectory { directory in
            try F.write(Self.secret + "\r\n", to: directory + "/token")
            let configuration = try F.parse(source(auth: #"{"token_file": "\#(directory)/token"}"#))
            #expect(configuration.sources[0].auth.token?.reveal == Self.secret)
        }
    }

    @Test func relativeFileIsLookedUpInTheCredentialsDirectoryFirst() throws {
        try F.withTemporaryDirectory { directory in
            let credentials = directory + "/credentials", configDirectory = directory + "/etc"
            for folder in [credentials, configDirectory] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            try F.write("from-credentials\n", to: credentials + "/erp.token")
            try F.write("from-config-dir\n", to: configDirectory + "/erp.token")
            try F.write("only-next-to-config\n", to: configDirectory + "/other.token")
            let environment = ["CREDENTIALS_DIRECTORY": credentials]

            let first = try F.parse(
                source(auth: #"{"token_file": "erp.token"}"#), environment: environment, baseDirectory: configDirectory)
            #expect(first.sources[0].auth.token?.reveal == "from-credentials")
            let fallback = try F.parse(
                source(auth: #"{"token_file": "other.token"}"#), environment: environment,
                baseDirectory: configDirectory)
            #expect(fallback.sources[0].auth.token?.reveal == "only-next-to-config")
            let withoutCredentials = try F.parse(
                source(auth: #"{"token_file": "erp.token"}"#), baseDirectory: configDirectory)
            #expect(withoutCredentials.sources[0].auth.token?.reveal == "from-config-dir")

            let missing = try #require(
                F.failure(
                    source(auth: #"{"token_file": "nowhere.token"}"#), environment: environment,
                    baseDirectory: configDirectory))
            #expect(
                missing.description
                    == "sources[0].auth.token_file: cannot read \(configDirectory)/nowhere.token: No such file or "
                    + "directory (not found in $CREDENTIALS_DIRECTORY either: \(credentials)/nowhere.token)")
        }
    }

    @Test func unreadableOrEmptySecretFile() throws {
        try F.withTemporaryDirectory { directory in
            let unreadable = try #require(F.failure(source(auth: #"{"password_file": "\#(directory)"}"#, dialect: "reseller")))
            #expect(unreadable.all.contains { $0.description == "sources[0].auth.password_file: cannot read \(directory): Is a directory" })
            try F.write("\n", to: directory + "/blank")
            let blank = try #require(F.failure(source(auth: #"{"token_file": "blank"}"#), baseDirectory: directory))
            #expect(blank.description == "sources[0].auth.token_file: the secret file \(directory)/blank is empty")
        }
    }

    @Test func twoWaysOfOneSecretConflict() {
        let text = source(auth: #"{"token": "\#(Self.secret)", "token_file": "/run/token"}"#)
        #expect(
            F.failure(text)?.description
                == #"sources[0].auth.token_file: conflicts with "token"; set only one of token, token_env or token_file"#)
    }

    @Test func tokenDialectNeedsATokenAndNothingElse() throws {
        #expect(
            F.failure(source(auth: "{}"))?.description
                == "sources[0].auth.token: required key missing; dialect \"erp\" needs a token: "
                + "set one of token, token_env or token_file")
        let extra = try #require(F.failure(source(auth: #"{"token": "t", "password_env": "PW"}"#)))
        #expect(
            extra.description
                == #"sources[0].auth.password_env: not used by dialect "erp", which authenticates with a token"#)
        #expect(
            F.failure(F.document(SourceFixture().without("auth")))?.description
                == #"sources[0].auth: required key missing; dialect "erp" needs a token"#)
    }

    @Test func resellerStyleDialectNeedsUsernameAndPassword() throws {
        let wrong = try #require(F.failure(source(auth: #"{"token": "\#(Self.secret)"}"#, dialect: "reseller")))
        #expect(wrong.all.map(\.description) == [
            #"sources[0].auth.token: not used by dialect "reseller", which authenticates with a username and password"#,
            #"sources[0].auth.username: required key missing; dialect "reseller" needs a username: set one of username, username_env or username_file"#,
            #"sources[0].auth.password: required key missing; dialect "reseller" needs a password: set one of password, password_env or password_file"#,
        ])
        try F.withTemporaryDirectory { directory in
            try F.write("pw-from-file\n", to: directory + "/reseller.password")
            let configuration = try F.parse(
                source(auth: #"{"username_env": "RS_USER", "password_file": "reseller.password"}"#, dialect: "reseller"),
                environment: ["RS_USER": "alice"], baseDirectory: directory)
            let auth = configuration.sources[0].auth
            #expect(auth == SourceAuth(token: nil, username: Secret("alice"), password: Secret("pw-from-file")))
        }
    }

    @Test func unknownAuthKeySuggests() {
        #expect(
            F.failure(source(auth: #"{"tokn": "\#(Self.secret)"}"#))?.all.first?.description
                == #"sources[0].auth.tokn: unknown key; did you mean "token"?"#)
    }

    @Test func secretValuesNeverAppearInErrors() throws {
        let s = Self.secret
        try F.withTemporaryDirectory { directory in
            try F.write(s + "\n", to: directory + "/token")
            let documents = [
                source(auth: #"{"token": ["\#(s)"]}"#),
                source(auth: #""\#(s)""#),
                source(auth: #"{"tokn": "\#(s)"}"#),
                source(auth: #"{"token": "\#(s)", "token_env": "X"}"#),
                source(auth: #"{"token": "\#(s)", "username": "\#(s)", "password": "\#(s)"}"#),
                source(auth: #"{"username": "\#(s)", "password": 12345}"#, dialect: "reseller"),
                source(auth: #"{"username": "\#(s)", "password": true}"#, dialect: "reseller"),
                source(auth: #"{"token_file": "token", "password": "\#(s)"}"#),
                F.document(SourceFixture().with("auth", #"{"token": "\#(s)"}"#).with("page_size", "0")),
                F.document(SourceFixture().with("base_url", #""https://u:\#(s)@erp.example""#)),
                F.document(SourceFixture().with("base_url", #""https://u:\#(s)@erp example""#)),
            ]
            for (index, text) in documents.enumerated() {
                let error = try #require(F.failure(text, baseDirectory: directory), "document \(index)")
                #expect(!error.description.contains(s), "document \(index): \(error.description)")
                #expect(!error.description.contains("zq7"), "document \(index)")
            }
            // A loaded configuration prints its secrets redacted too.
            let configuration = try F.parse(source(auth: #"{"token_file": "token"}"#), baseDirectory: directory)
            #expect(configuration.sources[0].auth.token?.reveal == s)
            #expect(!String(describing: configuration).contains(s))
            #expect(!String(reflecting: configuration).contains(s))
        }
    }
}

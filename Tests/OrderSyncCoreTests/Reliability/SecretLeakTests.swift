import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// Errors and descriptions end up in logs, `status` output and `sync_runs.error`: none of them
/// may carry a credential, whichever way the credential got there.
@Suite("Reliability: secrets never in errors")
struct SecretLeakTests {
    /// Distinctive, so finding it anywhere means a leak.
    static let secret = "kq9-LEAKME-7f3a2c"
    static let numericSecret = "73556084219"

    static let dialects = [
        DialectRequirements(name: "erp", auth: .token),
        DialectRequirements(name: "reseller", auth: .usernamePassword),
    ]

    // MARK: HTTP errors

    /// Answers every request with `status` and a body that echoes the credentials it was sent.
    final class EchoingUpstream: HTTPTransport {
        let status: Int
        init(status: Int) { self.status = status }

        func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> HTTPResponse {
            let authorization = request.value(forHTTPHeaderField: "Authorization") ?? ""
            let sent = request.httpBody.map { String(decoding: $0, as: UTF8.self) } ?? ""
            let body = #"{"error": "invalid credentials", "received": "\#(authorization)", "body": \#(sent.debugDescription)}"#
            return HTTPResponse(status: status, body: Array(body.utf8))
        }
    }

    private func client(status: Int) -> HTTPClient {
        HTTPClient(
            source: "leaky", baseURL: URL(string: "https://upstream.example")!,
            settings: HTTPClientSettings(maxAttempts: 2, initialBackoff: .zero, requestsPerSecond: nil),
            transport: EchoingUpstream(status: status), authorizer: BearerTokenAuthorizer(token: Secret(Self.secret)),
            sleeper: Sleeper { _ in })
    }

    @Test(arguments: [401, 400, 403, 422, 503])
    func anUpstreamEchoingTheTokenDoesNotLeakIt(status: Int) async throws {
        let error = await #expect(throws: HTTPError.self) {
            _ = try await client(status: status).send(HTTPRequest(path: "/orders", query: [URLQueryItem(name: "token", value: Self.secret)]))
        }
        let error_ = try #require(error)
        for text in [error_.description, SyncError.http(error_).description, "\(error_)", String(reflecting: error_)] {
            #expect(!text.contains(Self.secret), "HTTP \(status): \(text)")
        }
    }

    @Test func aLoginBodyEchoedBackDoesNotLeakThePassword() async throws {
        let request = HTTPRequest(
            method: "POST", path: "/api/v1/authenticate",
            body: Array(#"{"username": "u", "password": "\#(Self.secret)"}"#.utf8), secrets: [Secret(Self.secret)])
        let error = await #expect(throws: HTTPError.self) {
            _ = try await client(status: 400).sendWithoutAuthorization(request)
        }
        #expect(error.map { !$0.description.contains(Self.secret) } == true, "\(String(describing: error))")
    }

    // MARK: Configuration errors

    private func configText(_ auth: String, dialect: String = "erp", baseURL: String = "https://erp.example/api") -> String {
        #"{"database": "/tmp/o.db", "sources": [{"name": "acme", "dialect": "\#(dialect)", "base_url": "\#(baseURL)", "auth": \#(auth)}]}"#
    }

    @Test func configurationErrorsNeverQuoteASecret() {
        let s = Self.secret
        let cases: [(String, String)] = [
            ("auth is the token itself", configText(#""\#(s)""#)),
            ("token is an array", configText(#"{"token": ["\#(s)"]}"#)),
            ("token is an object", configText(#"{"token": {"value": "\#(s)"}}"#)),
            ("token is a number", configText(#"{"token": \#(Self.numericSecret)}"#)),
            ("misspelled key", configText(#"{"tokn": "\#(s)"}"#)),
            ("duplicate key", configText(#"{"token": "\#(s)", "token": "\#(s)"}"#)),
            ("token and token_env", configText(#"{"token": "\#(s)", "token_env": "ACME_TOKEN"}"#)),
            ("token for a username dialect", configText(#"{"token": "\#(s)"}"#, dialect: "reseller")),
            ("password for a token dialect", configText(#"{"token": "t", "password": "\#(s)"}"#)),
            ("empty username beside the password", configText(#"{"username": "", "password": "\#(s)"}"#, dialect: "reseller")),
            ("credentials in base_url", configText(#"{"token": "t"}"#, baseURL: "https://admin:\(s)@erp.example/api")),
            ("root is a string", #""\#(s)""#),
            ("control character in the token", configText("{\"token\": \"\(s)\u{01}\"}")),
            ("unterminated token", configText(#"{"token": "\#(s)}"#)),
            ("token ends the file", #"{"sources": [{"auth": {"token": "\#(s)"#),
        ]
        for (label, text) in cases {
            do {
                _ = try ConfigLoader.parse(text: text, environment: [:], dialects: Self.dialects, baseDirectory: "/nonexistent")
                Issue.record("\(label): accepted")
            } catch {
                #expect(!error.description.contains(s) && !error.description.contains(Self.numericSecret), "\(label): \(error)")
            }
        }
    }

    @Test func aBadSecretFileIsReportedWithoutItsContents() async throws {
        try await withTemporaryDirectory { directory in
            let notUTF8 = directory + "/latin1.token"
            try Data(Array(Self.secret.utf8) + [0xFF, 0xFE]).write(to: URL(fileURLWithPath: notUTF8))
            let unreadable = directory + "/\(UUID().uuidString).token"
            for (label, file) in [("not UTF-8", notUTF8), ("missing", unreadable), ("a directory", directory)] {
                do {
                    _ = try ConfigLoader.parse(
                        text: configText(#"{"token_file": "\#(file)"}"#), environment: [:], dialects: Self.dialects,
                        baseDirectory: directory)
                    Issue.record("\(label): accepted")
                } catch {
                    let text = "\(error)"
                    #expect(!text.contains(Self.secret), "\(label): \(text)")
                    #expect(text.contains("auth.token_file"), "\(label): \(text)")
                }
            }
        }
    }

    // MARK: Descriptions of values holding secrets

    @Test func valuesHoldingSecretsPrintRedacted() throws {
        let secret = Secret(Self.secret)
        let source = SourceConfiguration(
            name: "acme", dialect: "reseller", baseURL: URL(string: "https://reseller.example")!,
            auth: SourceAuth(token: secret, username: Secret("user-\(Self.secret)"), password: secret),
            startDate: "2024-01-01")
        let configuration = Configuration(database: "/tmp/o.db", sources: [source])
        let renderings: [(String, String)] = [
            ("interpolated secret", "\(secret)"),
            ("String(describing: secret)", String(describing: secret)),
            ("String(reflecting: secret)", String(reflecting: secret)),
            ("dump(secret)", Self.dumped(secret)),
            ("interpolated source", "\(source)"),
            ("String(reflecting: source)", String(reflecting: source)),
            ("dump(source)", Self.dumped(source)),
            ("dump(auth)", Self.dumped(source.auth)),
            ("dump(configuration)", Self.dumped(configuration)),
            ("interpolated optional token", "\(String(describing: source.auth.token))"),
            ("array of secrets", "\([secret, secret])"),
        ]
        for (label, text) in renderings {
            #expect(!text.contains(Self.secret), "\(label): \(text)")
        }
        #expect(secret.reveal == Self.secret)
    }

    private static func dumped<T>(_ value: T) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}

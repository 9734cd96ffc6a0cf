import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// Upstreams that echo the credentials they were sent, in every encoding seen in the wild: the
/// real binary's stdout and stderr, `status`, `status --json` and the database bytes hold none
/// of them.
@Suite("Hostile: upstreams echoing credentials (the real binary)")
struct EchoingUpstreamTests {
    static let token = "SeCr3t/Tok+en==zq81x"
    static let username = "ops-sync@acme.example"
    static let password = #"pa"ss\w0rd-QX7"#

    /// Answers by the first path segment, each quoting what it received in another encoding.
    static func respond(_ request: HostileServer.Request) -> HostileServer.Response {
        let authorization = request.headers["authorization"] ?? ""
        let received = authorization.hasPrefix("Bearer ") ? String(authorization.dropFirst(7)) : authorization
        switch request.path.split(separator: "/").first ?? "" {
        case "php":
            // PHP's json_encode: `/` written as `\/`.
            return .init(status: 400, json: #"{"error":"invalid token","received":"Bearer \#(SecretForms.phpEscaped(received))"}"#)
        case "unicode":
            let mixed = SecretForms.unicodeEscaped(received, uppercase: true, every: 2)
            return .init(status: 403, json: #"{"error":"forbidden","token":"\#(mixed)","all":"\#(SecretForms.unicodeEscaped(received))"}"#)
        case "percent":
            let lower = SecretForms.percentEncoded(received, uppercase: false)
            let upper = SecretForms.percentEncoded(received, uppercase: true)
            return .init(status: 400, json: #"{"error":"bad request","url":"https:\/\/x\/o?token=\#(lower)&t=\#(upper)"}"#)
        case "base64":
            // A retryable status: the snippet of the last attempt is what gets reported.
            return .init(status: 503, json: #"{"error":"maintenance","seen":"\#(SecretForms.base64(received))","raw":"\#(authorization)"}"#)
        case "login":
            // reseller's login quoting the JSON it was sent, re-encoded, plus Basic of both.
            let body = (try? JSONValue.parse(request.body))?.objectValue ?? JSONObject()
            let user = body["username"]?.stringValue ?? ""
            let password = body["password"]?.stringValue ?? ""
            let echo = JSONValue.object(JSONObject(["username": .string(user), "password": .string(password)])).serialized
            let basic = SecretForms.base64(user + ":" + password)
            return .init(status: 403, json: #"{"error":"bad credentials","sent":\#(echo),"basic":"\#(basic)"}"#)
        default:
            return .init(status: 404, json: #"{"error":"no route"}"#)
        }
    }

    @Test func noFormOfAnEchoedCredentialLeavesTheProcess() async throws {
        let server = try HostileServer(Self.respond)
        try await withTemporaryDirectory { directory in
            let fixture = HostileFixture(directory: directory)
            try fixture.writeSecret(Self.token, file: "erp.token")
            try fixture.writeSecret(Self.password, file: "reseller.password")
            let url = server.baseURL
            try fixture.writeConfiguration([
                .init(name: "php", baseURL: url + "/php", auth: #"{"token_file": "erp.token"}"#),
                .init(name: "unicode", baseURL: url + "/unicode", auth: #"{"token_env": "ERP_TOKEN"}"#),
                .init(name: "percent", baseURL: url + "/percent", auth: #"{"token_file": "erp.token"}"#),
                .init(name: "base64", baseURL: url + "/base64", auth: #"{"token_file": "erp.token"}"#),
                .init(name: "login", dialect: "reseller", baseURL: url + "/login",
                      auth: #"{"username": "\#(Self.username)", "password_file": "reseller.password"}"#),
            ])
            var transcript = ""
            let run = try await fixture.ordersync("run", "--once", environment: ["ERP_TOKEN": Self.token])
            #expect(run.status == 1, "\(run.output)")
            transcript += run.output
            for arguments in [["status"], ["status", "--json"]] {
                let result = try await fixture.ordersync(arguments)
                #expect(result.status == 0, "\(arguments): \(result.output)")
                transcript += result.output
            }
            // Every upstream answered, and said what it said: only the credential is gone.
            #expect(server.requests.count >= 6)
            for (name, visible) in [("php", "HTTP 400"), ("unicode", "HTTP 403"), ("percent", "HTTP 400"),
                                    ("base64", "HTTP 503 after 2 attempts"), ("login", "HTTP 403")] {
                let line = run.output.split(separator: "\n").first { $0.hasPrefix("\(name): failed") } ?? ""
                #expect(line.contains(visible) && line.contains("<redacted>"), "\(name): \(line)")
            }
            let stored = try fixture.query("SELECT source, error FROM sync_runs ORDER BY source")
            #expect(stored.count == 5 && stored.allSatisfy { $0[1]?.contains("<redacted>") == true }, "\(stored)")

            let database = try fixture.databaseText()
            for secret in [Self.token, Self.password, Self.username] {
                for form in SecretForms.all(of: secret) {
                    #expect(!transcript.contains(form), "\(form) leaked to the output:\n\(transcript)")
                    #expect(!database.contains(form), "\(form) leaked into the database")
                }
            }
            for form in SecretForms.all(of: "\(Self.username):\(Self.password)").dropFirst(3) {
                #expect(!transcript.contains(form) && !database.contains(form), "Basic \(form) leaked")
            }
        }
    }
}

import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// An upstream may echo a credential back in any encoding; whichever it picks, the text that
/// leaves ordersync shows `<redacted>` and nothing of the secret.
@Suite("Hostile: redaction in every echoed form")
struct RedactorTests {
    static let token = "SeCr3t/Tok+en==zq81x"
    static let user = "ops-sync@acme.example"
    static let password = #"pa"ss\w0rd-QX7"#
    static let unicodeSecret = "k€y😀pass-77"

    static let redactor = Redactor(secrets: [token, user, password, unicodeSecret], credentialPairs: [(user, password)])

    static func unicodeEscaped(_ text: String, uppercase: Bool = false, every: Int = 1) -> String {
        SecretForms.unicodeEscaped(text, uppercase: uppercase, every: every)
    }

    static func percentEncoded(_ text: String, uppercase: Bool, plusForSpace: Bool = false) -> String {
        SecretForms.percentEncoded(text, uppercase: uppercase, plusForSpace: plusForSpace)
    }

    static func forms(of secret: String) -> [String] { SecretForms.all(of: secret) }

    @Test(arguments: [token, password, unicodeSecret, user])
    func everyFormIsRedacted(secret: String) {
        for form in Self.forms(of: secret) {
            let text = #"{"error":"invalid token","received":"Bearer \#(form)","n":1}"#
            let redacted = Self.redactor.redact(text)
            #expect(redacted == #"{"error":"invalid token","received":"Bearer <redacted>","n":1}"#, "form \(form)")
        }
    }

    @Test func theIssuesExamplesAreRedacted() {
        let php = #"{"error": "invalid token", "received": "Bearer SeCr3t\/Tok+en==zq81x"}"#
        #expect(Self.redactor.redact(php) == #"{"error": "invalid token", "received": "Bearer <redacted>"}"#)
        let login = #"{"username":"ops-sync@acme.example","password":"pa\"ss\\w0rd-QX7"}"#
        #expect(Self.redactor.redact(login) == #"{"username":"<redacted>","password":"<redacted>"}"#)
    }

    @Test func basicAuthenticationOfTheUserAndPasswordIsRedacted() {
        let basic = Data("\(Self.user):\(Self.password)".utf8).base64EncodedString()
        let text = #"{"seen":"Basic \#(basic)","escaped":"Basic \#(basic.replacingOccurrences(of: "/", with: "\\/"))"}"#
        let redacted = Self.redactor.redact(text)
        #expect(redacted == #"{"seen":"Basic <redacted>","escaped":"Basic <redacted>"}"#)
    }

    @Test func aPlusInAFormEncodedValueIsASpace() {
        let redactor = Redactor(secrets: ["two words+1"])
        let encoded = Self.percentEncoded("two words+1", uppercase: false, plusForSpace: true)
        #expect(encoded == "two+words%2b1")
        #expect(redactor.redact("password=\(encoded)&x=1") == "password=<redacted>&x=1")
    }

    @Test func textWithoutASecretIsUnchanged() {
        let text = #"{"error":"rate limited","path":"\/v1\/orders?page=2%20","plus":"a+b","\u00e9":"\\"}"#
        #expect(Self.redactor.redact(text) == text)
        #expect(Redactor.none.redact(text) == text)
    }

    @Test func tooShortSecretsAreLeftAlone() {
        let redactor = Redactor(secrets: ["ab", "", "xyz"])
        #expect(redactor.redact("about xyz abc") == "about <redacted> abc")
    }

    @Test func sanitizedTextIsOneBoundedLine() {
        let text = "first line\nsecond\t\u{1B}[31m " + Self.token + String(repeating: "x", count: 500)
        let stored = Self.redactor.sanitized(text, limit: 100)
        #expect(stored.hasPrefix(#"first line\nsecond\t\u{1b}[31m <redacted>xx"#))
        #expect(stored.hasSuffix("…") && !stored.contains("\n") && stored.count < 120, "\(stored)")
    }

    @Test func anHTTPErrorSnippetRedactsBeforeItCuts() {
        // The echo straddles the 200-character cut: redacted first, nothing of it survives.
        let padding = String(repeating: "p", count: 190)
        let body = Array(#"{"x":"\#(padding)","received":"\#(Self.unicodeEscaped(Self.token))"}"#.utf8)
        let snippet = HTTPError.Kind.snippet(of: body, redacting: ["Bearer " + Self.token, Self.token])
        #expect(!snippet.contains("\\u0053\\u0065"), "\(snippet)")
        #expect(snippet.count <= HTTPError.Kind.snippetLimit + 1)
    }

    @Test func aLongBodyOfNearMissesIsHandled() {
        // Many partial matches and escapes: one pass per view, whatever the mix.
        let chunk = #"\u0053e%43r3t\/Tok+en"#
        let text = String(repeating: chunk, count: 20_000)
        let redacted = Self.redactor.redact(text + Self.token)
        #expect(redacted.hasSuffix(Redactor.placeholder))
    }

    @Test func theLogSinkRedactsEveryLineOnceTheSecretsAreKnown() {
        let lines = LockedBox<[String]>([])
        let redaction = LockedBox(Redactor.none)
        let logger = Logger(label: "t", sink: LogSink.collecting(into: lines).redacting(redaction))
        logger.error("poll failed", ["error": #"HTTP 400: {"received":"Bearer SeCr3t\/Tok+en==zq81x"}"#])
        redaction.withValue { $0 = Self.redactor }
        logger.error("poll failed", ["error": #"HTTP 400: {"received":"Bearer SeCr3t\/Tok+en==zq81x"}"#])
        #expect(lines.current.count == 2)
        #expect(lines.current[0].contains(#"SeCr3t\/Tok"#), "before the configuration is loaded there is nothing to redact")
        #expect(lines.current[1].hasSuffix(#"error="HTTP 400: {\"received\":\"Bearer <redacted>\"}""#), "\(lines.current[1])")
    }
}

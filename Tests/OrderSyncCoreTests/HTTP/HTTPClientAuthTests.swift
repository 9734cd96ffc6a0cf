import Foundation
import Testing
@testable import OrderSyncCore

@Suite("HTTPClient authorization")
struct HTTPClientAuthTests {
    /// What an authorizer added or changed is redacted, the whole value and the credential
    /// after its scheme, whatever the case of the header name; untouched fields are not.
    @Test func credentialsAreWhatTheAuthorizerChanged() {
        var before = TransportRequest(url: URL(string: "https://h.example/x")!)
        before.setValue("ordersync/0.1", forHTTPHeaderField: "User-Agent")
        before.setValue("old", forHTTPHeaderField: "X-Session")
        var after = before
        after.setValue("Token \t abc123 ", forHTTPHeaderField: "authorization")
        after.setValue("old", forHTTPHeaderField: "x-session")
        #expect(HTTPClient.credentials(before: before, after: after) == ["Token \t abc123 ", "abc123"])
        #expect(HTTPClient.credentials(before: before, after: before).isEmpty)
    }

    static let token = "s3cr3t-T0ken-value"

    @Test("a static bearer token is sent, and a 401 fails at once with advice")
    func staticTokenRefused() async throws {
        let transport = ScriptedTransport(statuses: [401, 200])
        let sleeper = RecordingSleeper()
        let client = HTTPFixtures.client(
            transport, authorizer: BearerTokenAuthorizer(token: Secret(Self.token)), sleeper: sleeper
        )

        let error = try #require(await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(HTTPFixtures.orders) })

        #expect(error.kind == .unauthorized)
        #expect(!error.isRetryable)
        #expect(error.description.contains("credentials were refused"))
        #expect(error.description.contains(#"source "acme-eu""#))
        #expect(!error.description.contains(Self.token))
        #expect(transport.requests.count == 1)
        #expect(transport.requests.first?.value(forHTTPHeaderField: "Authorization") == "Bearer \(Self.token)")
        #expect(sleeper.sleeps.isEmpty)
    }

    @Test("a 401 asks the authorizer and retries once with fresh credentials")
    func refreshAfter401() async throws {
        let transport = ScriptedTransport(statuses: [401, 200])
        let authorizer = RefreshingAuthorizer()
        let sleeper = RecordingSleeper()
        let client = HTTPFixtures.client(
            transport, settings: HTTPClientSettings(maxAttempts: 1, requestsPerSecond: nil),
            authorizer: authorizer, sleeper: sleeper
        )

        let response = try await client.send(HTTPFixtures.orders)

        #expect(response.status == 200)
        #expect(await authorizer.unauthorizedCalls == 1)
        #expect(await authorizer.authorizeCalls == 2)
        #expect(transport.requests.map { $0.value(forHTTPHeaderField: "Authorization") } == ["Bearer session-1", "Bearer session-2"])
        #expect(client.requestCount == 2)
        #expect(sleeper.sleeps.isEmpty)
    }

    @Test("a second 401 after fresh credentials is final")
    func secondUnauthorizedIsFinal() async throws {
        let transport = ScriptedTransport(statuses: [401, 401, 200])
        let authorizer = RefreshingAuthorizer()
        let client = HTTPFixtures.client(transport, authorizer: authorizer, sleeper: RecordingSleeper())

        let error = try #require(await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(HTTPFixtures.orders) })

        #expect(error.kind == .unauthorized)
        #expect(transport.requests.count == 2)
        #expect(await authorizer.unauthorizedCalls == 2)
    }

    @Test("an authorizer can log in through the client without credentials")
    func loginThroughClient() async throws {
        let transport = ScriptedTransport([
            .success(HTTPResponse(status: 200, body: Array("tok-1".utf8))),
            .success(HTTPResponse(status: 200, body: Array("[]".utf8))),
        ])
        let client = HTTPFixtures.client(transport, authorizer: LoginAuthorizer(), sleeper: RecordingSleeper())

        let response = try await client.send(HTTPFixtures.orders)

        #expect(response.body == Array("[]".utf8))
        let requests = transport.requests
        #expect(requests.map { $0.url?.path } == ["/obapi/login", "/obapi/v1/orders"])
        #expect(requests[0].value(forHTTPHeaderField: "Authorization") == nil)
        #expect(requests[0].httpMethod == "POST")
        #expect(requests[0].httpBody == Data(#"{"user":"u"}"#.utf8))
        #expect(requests[1].value(forHTTPHeaderField: "Authorization") == "Bearer tok-1")
        #expect(client.requestCount == 2)
    }

    @Test("a token echoed in an error body is redacted from the description")
    func secretRedacted() async throws {
        let echo = HTTPResponse(status: 400, body: Array("invalid request for token \(Self.token)\n(Bearer \(Self.token))".utf8))
        let transport = ScriptedTransport([.success(echo)])
        let client = HTTPFixtures.client(
            transport, authorizer: BearerTokenAuthorizer(token: Secret(Self.token)), sleeper: RecordingSleeper()
        )

        let error = try #require(await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(HTTPFixtures.orders) })

        #expect(!error.description.contains(Self.token))
        #expect(!"\(error.kind)".contains(Self.token))
        #expect(error.description.contains("<redacted>"))
        #expect(error.description.contains("\\n"))
    }

    @Test("a password the request carries is redacted when the upstream echoes it")
    func requestSecretRedacted() async throws {
        let echo = HTTPResponse(status: 400, body: Array(#"{"error":"bad login","password":"hunter2!"}"#.utf8))
        let transport = ScriptedTransport([.success(echo)])
        let client = HTTPFixtures.client(transport, sleeper: RecordingSleeper())
        let login = HTTPRequest(
            method: "POST", path: "/login", body: Array(#"{"password":"hunter2!"}"#.utf8), secrets: [Secret("hunter2!")]
        )

        let error = try #require(await HTTPFixtures.error { () async throws(HTTPError) in try await client.sendWithoutAuthorization(login) })

        #expect(error.description == #"source "acme-eu": POST /obapi/login: HTTP 400: {"error":"bad login","password":"<redacted>"}"#)
    }

    @Test("an authorizer failure is reported without sending the request")
    func authorizerThrows() async throws {
        struct NoToken: Authorizer {
            struct Missing: Error, CustomStringConvertible {
                var description: String { "the token file is empty" }
            }
            func authorize(_ request: inout TransportRequest, using client: HTTPClient) async throws { throw Missing() }
            func unauthorized() async -> Bool { false }
        }
        let transport = ScriptedTransport(statuses: [200])
        let client = HTTPFixtures.client(transport, authorizer: NoToken(), sleeper: RecordingSleeper())

        let error = try #require(await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(HTTPFixtures.orders) })

        #expect(error.kind == .authorization("the token file is empty"))
        #expect(transport.requests.isEmpty)
    }
}

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// The reseller session login: token reuse, refresh before expiry, one re-login on a 401, a
/// refused password reported once and clearly, one login for concurrent requests.
struct ResellerAuthorizerTests {
    static let password = Secret("s3cret-pa55")

    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let instant = LockedBox(ContinuousClock.now)
        var now: @Sendable () -> ContinuousClock.Instant { { [instant] in instant.current } }
        func advance(seconds: Double) { instant.withValue { $0 = $0 + .milliseconds(Int64(seconds * 1000)) } }
    }

    /// An upstream that issues `token-1`, `token-2`… valid for `expiresIn`, and answers orders
    /// with `orders` or with what `ordersStatus` says for the current token.
    static func upstream(expiresIn: Int = 3600, refusing refused: LockedBox<Set<String>> = LockedBox([])) -> ResellerScriptedTransport {
        let issued = LockedBox(0)
        return ResellerScriptedTransport { request, _ in
            if request.resellerPath == "/api/v1/authenticate" {
                let number = issued.withValue { count -> Int in
                    count += 1
                    return count
                }
                return ResellerScriptedTransport.json(#"{"auth_token": "token-\#(number)", "expires_in": \#(expiresIn)}"#)
            }
            let token = request.value(forHTTPHeaderField: "Authorization") ?? ""
            if refused.current.contains(token) {
                return ResellerScriptedTransport.json(#"{"status": 401, "message": "unauthorized"}"#, status: 401)
            }
            return ResellerScriptedTransport.json("[]", headers: ["X-pages": "1"])
        }
    }

    static func authorizer(clock: ManualClock = ManualClock(), password: Secret = password, fraction: Double = 0.9) -> ResellerAuthorizer {
        ResellerAuthorizer(username: Secret("buyer@example.com"), password: password, refreshFraction: fraction, now: clock.now)
    }

    static let orders = HTTPRequest(path: "/api/v1/orders")

    @Test func logsInOnceAndReusesTheToken() async throws {
        let transport = Self.upstream()
        let authorizer = Self.authorizer()
        let client = ResellerScriptedTransport.client(transport, authorizer: authorizer)
        for _ in 0..<3 { _ = try await client.send(Self.orders) }

        let requests = transport.requests
        #expect(requests.map(\.resellerPath) == ["/api/v1/authenticate", "/api/v1/orders", "/api/v1/orders", "/api/v1/orders"])
        let login = try #require(requests.first)
        #expect(login.httpMethod == "POST")
        #expect(login.value(forHTTPHeaderField: "Content-Type") == "application/json")
        #expect(login.value(forHTTPHeaderField: "Authorization") == nil)
        let body = try JSONValue.parse(Array(try #require(login.httpBody)))
        #expect(body == .object(["username": .string("buyer@example.com"), "password": .string("s3cret-pa55")]))
        #expect(requests.dropFirst().allSatisfy { $0.value(forHTTPHeaderField: "Authorization") == "Bearer token-1" })
        #expect(await authorizer.logins == 1)
    }

    @Test func refreshesAtTheConfiguredFractionOfTheLifetime() async throws {
        let clock = ManualClock()
        let transport = Self.upstream(expiresIn: 100)
        let client = ResellerScriptedTransport.client(transport, authorizer: Self.authorizer(clock: clock))
        _ = try await client.send(Self.orders)
        clock.advance(seconds: 89)
        _ = try await client.send(Self.orders)
        #expect(transport.requests.last?.value(forHTTPHeaderField: "Authorization") == "Bearer token-1")
        clock.advance(seconds: 2)
        _ = try await client.send(Self.orders)
        #expect(transport.requests.last?.value(forHTTPHeaderField: "Authorization") == "Bearer token-2")
        #expect(transport.requests.filter { $0.resellerPath == "/api/v1/authenticate" }.count == 2)
    }

    @Test func aRefusedTokenIsReplacedOnceAndTheRequestRetried() async throws {
        let refused = LockedBox<Set<String>>(["Bearer token-1"])
        let transport = Self.upstream(refusing: refused)
        let authorizer = Self.authorizer()
        let client = ResellerScriptedTransport.client(transport, authorizer: authorizer)
        let response = try await client.send(Self.orders)
        #expect(response.status == 200)
        #expect(transport.requests.map(\.resellerPath)
                == ["/api/v1/authenticate", "/api/v1/orders", "/api/v1/authenticate", "/api/v1/orders"])
        #expect(transport.requests.last?.value(forHTTPHeaderField: "Authorization") == "Bearer token-2")
        #expect(await authorizer.logins == 2)
    }

    @Test func aTokenRefusedAgainAfterReLoginFailsInsteadOfLooping() async throws {
        let refused = LockedBox<Set<String>>(["Bearer token-1", "Bearer token-2", "Bearer token-3"])
        let transport = Self.upstream(refusing: refused)
        let client = ResellerScriptedTransport.client(transport, authorizer: Self.authorizer())
        do {
            _ = try await client.send(Self.orders)
            Issue.record("a refused token was accepted")
        } catch {
            #expect(error.kind == .unauthorized)
        }
        #expect(transport.requests.count == 4, "login, refused, one re-login, refused again: then stop")
    }

    @Test func aWrongPasswordFailsAtOnceWithoutShowingIt() async throws {
        let transport = ResellerScriptedTransport { request, _ in
            // Some upstreams echo what they were sent.
            let echoed = String(decoding: request.httpBody ?? Data(), as: UTF8.self)
            return ResellerScriptedTransport.json(#"{"status": 401, "message": "invalid username or password", "sent": \#(echoed)}"#, status: 401)
        }
        let wrong = Secret("wrong-Pa55word!")
        let client = ResellerScriptedTransport.client(transport, authorizer: Self.authorizer(password: wrong), maxAttempts: 5)
        do {
            _ = try await client.send(Self.orders)
            Issue.record("a refused login let the request through")
        } catch {
            #expect(error.kind == .unauthorized)
            #expect(error.method == "POST")
            #expect(error.path.hasSuffix("/api/v1/authenticate"))
            let text = "\(error)"
            #expect(text.contains("hw-shop"))
            #expect(text.contains("credentials were refused"))
            #expect(!text.contains(wrong.reveal))
        }
        #expect(transport.requests.count == 1, "a refused password is not retried")
    }

    @Test func aLoginErrorBodyEchoingThePasswordIsRedacted() async throws {
        let transport = ResellerScriptedTransport { request, _ in
            let echoed = String(decoding: request.httpBody ?? Data(), as: UTF8.self)
            return ResellerScriptedTransport.json(#"{"error": "bad request", "sent": \#(echoed)}"#, status: 400)
        }
        let client = ResellerScriptedTransport.client(transport, authorizer: Self.authorizer())
        do {
            _ = try await client.send(Self.orders)
            Issue.record("expected the login to fail")
        } catch {
            let text = "\(error)"
            #expect(text.contains("HTTP 400"))
            #expect(text.contains("<redacted>"))
            #expect(!text.contains(Self.password.reveal))
        }
    }

    @Test func aLoginAnswerWithoutATokenIsAnAuthorizationError() async throws {
        let transport = ResellerScriptedTransport { _, _ in ResellerScriptedTransport.json(#"{"expires_in": 3600}"#) }
        let client = ResellerScriptedTransport.client(transport, authorizer: Self.authorizer())
        do {
            _ = try await client.send(Self.orders)
            Issue.record("expected a missing token to fail")
        } catch {
            #expect(error.kind == .authorization("reseller login: the login answer has no auth_token"))
        }
    }

    @Test func theDocumentedLoginAnswerIsUnderstood() async throws {
        let answer = try ResellerFixtures.authenticateAnswer().serialized
        let transport = ResellerScriptedTransport { request, _ in
            request.resellerPath == "/api/v1/authenticate"
                ? ResellerScriptedTransport.json(answer) : ResellerScriptedTransport.json("[]", headers: ["X-pages": "1"])
        }
        let client = ResellerScriptedTransport.client(transport, authorizer: Self.authorizer())
        _ = try await client.send(Self.orders)
        #expect(transport.requests.last?.value(forHTTPHeaderField: "Authorization") == "Bearer rs-3f9a1c0d7e2b")
    }

    @Test func concurrentRequestsShareOneLogin() async throws {
        let loginSent = LockedBox(false)
        let released = LockedBox(false)
        let transport = ResellerScriptedTransport { request, _ in
            if request.resellerPath == "/api/v1/authenticate" {
                // Hold the login until every other request is waiting for its token.
                loginSent.withValue { $0 = true }
                while !released.current { await Task.yield() }
                return ResellerScriptedTransport.json(#"{"auth_token": "shared", "expires_in": 3600}"#)
            }
            return ResellerScriptedTransport.json("[]", headers: ["X-pages": "1"])
        }
        let authorizer = Self.authorizer()
        let client = ResellerScriptedTransport.client(transport, authorizer: authorizer)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { _ = try await client.send(Self.orders) }
            }
            group.addTask {
                // Released whatever happens: a failed wait must fail the test, not leave the
                // logins held and the group waiting for them forever.
                defer { released.withValue { $0 = true } }
                // One request sends the login; the seven others wait on it (the authorizer
                // counts them), whatever order the tasks ran in.
                try await waitForEvidence("one login sent and 7 requests waiting on it", timeout: .seconds(20)) {
                    let waiting = await authorizer.waitingForLogin
                    return loginSent.current && waiting == 7
                }
            }
            try await group.waitForAll()
        }
        #expect(await authorizer.logins == 1)
        #expect(transport.requests.filter { $0.resellerPath == "/api/v1/authenticate" }.count == 1)
        #expect(transport.requests.filter { $0.value(forHTTPHeaderField: "Authorization") == "Bearer shared" }.count == 8)
    }
}

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Foundation
import Testing
@testable import OrderSyncCore

@Suite("HTTP requests and errors")
struct HTTPRequestTests {
    @Test("query values and names are encoded strictly")
    func strictQueryEncoding() throws {
        let request = HTTPRequest(path: "/v1/orders", query: [
            URLQueryItem(name: "q", value: "submit_date>=2026-04-30T10:00:00Z,status<3"),
            URLQueryItem(name: "filter[statuses]", value: "a+b c"),
            URLQueryItem(name: "page", value: "2"),
            URLQueryItem(name: "flag", value: nil),
            URLQueryItem(name: "name", value: "Müller & Söhne=~._-"),
        ])

        let url = try #require(request.url(relativeTo: HTTPFixtures.baseURL))

        #expect(url.absoluteString == "https://erp.acme.example/obapi/v1/orders"
            + "?q=submit_date%3E%3D2026-04-30T10%3A00%3A00Z%2Cstatus%3C3"
            + "&filter%5Bstatuses%5D=a%2Bb%20c&page=2&flag"
            + "&name=M%C3%BCller%20%26%20S%C3%B6hne%3D~._-")
    }

    @Test("the encoded URL reaches the transport unchanged")
    func transportSeesEncodedURL() async throws {
        let transport = ScriptedTransport(statuses: [200])
        let client = HTTPFixtures.client(transport, sleeper: RecordingSleeper())

        _ = try await client.send(HTTPRequest(path: "orders", query: [URLQueryItem(name: "since", value: "2026-04-30T10:00:00+02:00")]))

        #expect(transport.requests.first?.url?.absoluteString == "https://erp.acme.example/obapi/orders?since=2026-04-30T10%3A00%3A00%2B02%3A00")
        #expect(transport.requests.first?.value(forHTTPHeaderField: "User-Agent") == "ordersync/\(OrderSync.version)")
    }

    /// One place for each default: a client built in code behaves as one read from a file
    /// without an `http` block (they once disagreed on the user agent).
    @Test("the HTTP layer's defaults are the configuration's")
    func defaultsAgree() {
        #expect(HTTPClientSettings() == HTTPClientSettings(HTTPSettings()))
        #expect(HTTPClientSettings().userAgent == "ordersync/\(OrderSync.version)")
    }

    @Test("paths join the base path with exactly one slash", arguments: [
        ("https://h.example", "/v1/orders", "https://h.example/v1/orders"),
        ("https://h.example/", "v1/orders", "https://h.example/v1/orders"),
        ("https://h.example/api/", "/v1/orders", "https://h.example/api/v1/orders"),
        ("http://127.0.0.1:8080/api", "/orders/A 1", "http://127.0.0.1:8080/api/orders/A%201"),
    ])
    func pathJoining(base: String, path: String, expected: String) throws {
        let url = try #require(HTTPRequest(path: path).url(relativeTo: URL(string: base)!))
        #expect(url.absoluteString == expected)
    }

    @Test("errors show the path and query names, never query values")
    func errorHidesQueryValues() async throws {
        let transport = ScriptedTransport(statuses: [404])
        let client = HTTPFixtures.client(transport, sleeper: RecordingSleeper())
        let request = HTTPRequest(path: "/v1/orders", query: [
            URLQueryItem(name: "customer", value: "jane@example.com"), URLQueryItem(name: "page", value: "3"),
        ])

        let error = try #require(await HTTPFixtures.error { () async throws(HTTPError) in try await client.send(request) })

        #expect(error.path == "/obapi/v1/orders?customer=…&page=…")
        #expect(error.description == #"source "acme-eu": GET /obapi/v1/orders?customer=…&page=…: HTTP 404: body 404"#)
        #expect(!error.description.contains("jane"))
    }

    @Test("body snippets are cut at 200 characters with control characters escaped")
    func snippet() {
        let body = Array(("\u{1B}[31m" + String(repeating: "x", count: 500)).utf8)
        let snippet = HTTPError.Kind.snippet(of: body, redacting: [])

        #expect(snippet.hasPrefix("\\u{1b}[31mxxx"))
        #expect(snippet.hasSuffix("x…"))
        #expect(!snippet.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(snippet.count <= 210)
    }

    @Test("transport errors describe themselves with retry advice where it helps")
    func transportDescriptions() {
        let exhausted = HTTPError(
            source: "acme-eu", method: "GET", path: "/v1/orders",
            kind: .retriesExhausted(attempts: 5, last: .transport(.connectionFailed("Could not connect to the server.")))
        )
        #expect(exhausted.description == #"source "acme-eu": GET /v1/orders: connection failed: Could not connect to the server. (after 5 attempts)"#)
        #expect(TransportError.tooLarge(10).description.contains("10 bytes"))
    }

    @Test("response headers are looked up case-insensitively")
    func headerLookup() {
        let response = HTTPResponse(status: 200, headers: ["Retry-After": "5", "content-type": "application/json"])
        #expect(response.header("retry-after") == "5")
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.headers.keys.sorted() == ["content-type", "retry-after"])
    }
}

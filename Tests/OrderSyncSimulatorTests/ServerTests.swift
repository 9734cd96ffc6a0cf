import Foundation
import OrderSyncSimulator
import Testing

@Suite("HTTP server")
struct ServerTests {
    /// Echoes method, path, decoded query and body.
    private func withEchoServer<T>(_ body: (HTTPServer) throws -> T) throws -> T {
        let server = HTTPServer { request in
            let query = request.queryItems.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
            let text = "\(request.method) \(request.path) ?\(query) auth=\(request.headers["AUTHORIZATION"] ?? "-") body=\(request.bodyText)"
            return .respond(.text(text))
        }
        try server.start()
        defer { server.stop() }
        #expect(server.port != 0)
        return try body(server)
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() throws {
        try withEchoServer { server in
            let client = try TestHTTPClient(port: server.port)
            for index in 0..<20 {
                let response = try client.request("GET", "/n/\(index)")
                #expect(response.status == 200)
                #expect(response.text.hasPrefix("GET /n/\(index) "))
                #expect(response.headers["connection"] == "keep-alive")
            }
        }
    }

    @Test func decodesQueryItemsAndHeadersCaseInsensitively() throws {
        try withEchoServer { server in
            let client = try TestHTTPClient(port: server.port)
            let response = try client.request("GET", "/p%20q?page%5Bnumber%5D=2&filter[statuses]=700,900&q=a+b%2Cc",
                                              headers: ["authorization": "Bearer x"])
            #expect(response.text == "GET /p q ?page[number]=2&filter[statuses]=700,900&q=a b,c auth=Bearer x body=")
        }
    }

    @Test func requestSplitAcrossWritesIsReassembled() throws {
        try withEchoServer { server in
            let client = try TestHTTPClient(port: server.port)
            let request = "POST /split HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world"
            for chunk in [String(request.prefix(7)), String(request.dropFirst(7).prefix(30)), String(request.dropFirst(37))] {
                client.send(chunk)
                Thread.sleep(forTimeInterval: 0.02)
            }
            let response = try client.readResponse()
            #expect(response.text == "POST /split ? auth=- body=hello world")
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withEchoServer { server in
            let client = try TestHTTPClient(port: server.port)
            client.send("POST /one HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /two HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse().text == "POST /one ? auth=- body=abc")
            #expect(try client.readResponse().text == "GET /two ? auth=- body=")
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withEchoServer { server in
            let client = try TestHTTPClient(port: server.port)
            let response = try client.request("GET", "/bye", headers: ["Connection": "close"])
            #expect(response.headers["connection"] == "close")
            #expect(client.isClosedByPeer())
        }
    }

    @Test func stopClosesConnectedClientsAndJoins() throws {
        let server = HTTPServer { _ in .respond(.text("ok")) }
        try server.start()
        let client = try TestHTTPClient(port: server.port)
        #expect(try client.request("GET", "/").status == 200)
        server.stop()
        #expect(client.isClosedByPeer())
        #expect(throws: (any Error).self) { _ = try TestHTTPClient(port: server.port).request("GET", "/") }
    }

    @Test func stopDoesNotWaitForALongDelay() throws {
        let server = HTTPServer { _ in .respondAfter(milliseconds: 60_000, .text("late")) }
        try server.start()
        let client = try TestHTTPClient(port: server.port)
        client.send("GET / HTTP/1.1\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.05)
        server.stop()
        #expect(throws: (any Error).self) { _ = try client.readResponse() }
    }

    @Test func resetAndTruncatedActionsMisbehave() throws {
        let server = HTTPServer { request in
            request.path == "/reset" ? .reset : .truncate(.text(String(repeating: "x", count: 100)))
        }
        try server.start()
        defer { server.stop() }
        #expect(throws: (any Error).self) { _ = try TestHTTPClient(port: server.port).request("GET", "/reset") }
        let error = #expect(throws: TestHTTPClient.Failure.self) {
            _ = try TestHTTPClient(port: server.port).request("GET", "/cut")
        }
        #expect(error?.description.contains("body cut short: 50 of 100") == true)
    }

    @Test func malformedRequestGetsA400AndClose() throws {
        try withEchoServer { server in
            let client = try TestHTTPClient(port: server.port)
            client.send("NONSENSE\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(client.isClosedByPeer())
        }
    }
}

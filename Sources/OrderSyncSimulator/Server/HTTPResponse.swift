/// A complete HTTP/1.1 response: status, headers and body.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is already-encoded JSON.
    public static func json(status: Int = 200, body: [UInt8], headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var all = headers
        all.set("Content-Type", "application/json; charset=utf-8")
        return HTTPResponse(status: status, headers: all, body: body)
    }

    /// A response with a plain-text body.
    public static func text(status: Int = 200, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                     body: Array(text.utf8))
    }

    /// Status line, headers (with `Content-Length`) and body as one buffer,
    /// so it goes out in a single write: separate writes meet Nagle's
    /// algorithm and delayed ACKs and cost ~40 ms per request.
    /// `contentLength` overrides the announced length (for cut-short bodies).
    func serialized(close: Bool, contentLength: Int? = nil) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(for: status))\r\n"
        for field in headers where field.name.lowercased() != "content-length" && field.name.lowercased() != "connection" {
            head += "\(field.name): \(field.value)\r\n"
        }
        head += "Content-Length: \(contentLength ?? body.count)\r\n"
        head += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n"
        return Array(head.utf8) + body
    }

    /// The standard reason phrase, or `Status` for codes without one here.
    public static func reason(for status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 413: return "Payload Too Large"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status"
        }
    }
}

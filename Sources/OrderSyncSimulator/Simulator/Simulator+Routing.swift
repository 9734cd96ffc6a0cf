import Foundation

/// The front door: control endpoints, dialect prefixes, faults, auth, routes.
extension Simulator {
    func respond(to request: HTTPRequest) -> ServerAction {
        let segments = request.path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        guard let first = segments.first else { return .respond(notFound(request)) }
        if first == "_sim" { return control(request) }
        guard let dialect = SimDialect(rawValue: String(first)) else { return .respond(notFound(request)) }
        let path = segments.count > 1 ? "/" + segments[1] : "/"
        let nowMicro = Self.nowMicro()
        return state.withLock { state -> ServerAction in
            state.stats.requests[dialect, default: 0] += 1
            let api = dialect.api
            let isList = api.isListRequest(method: request.method, segments: path.split(separator: "/").map(String.init))
            var badRecord: BadRecord?
            var after: (ServerAction) -> ServerAction = { $0 }
            switch state.takeFault(dialect: dialect, path: path, isList: isList) {
            case .status(let code, let retryAfter)?:
                var headers = HTTPHeaders()
                if let retryAfter { headers.set("Retry-After", retryAfter) }
                let body = api.errorBody(status: code, message: "simulated fault: HTTP \(code)")
                return .respond(.json(status: code, body: body.bytes, headers: headers))
            case .reset?:
                return .reset
            case .garbage?:
                return .respond(HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/html")]),
                                             body: Array("<html><body>502 upstream hiccup</body></html>".utf8)))
            case .unsuccessful(let message)?:
                return .respond(.json(body: JSONValue.obj(["success": .bool(false), "message": .string(message)]).bytes))
            case .delay(let milliseconds)?:
                after = { action in
                    guard case .respond(let response) = action else { return action }
                    return .respondAfter(milliseconds: milliseconds, response)
                }
            case .truncatedBody?:
                after = { action in
                    guard case .respond(let response) = action else { return action }
                    return .truncate(response)
                }
            case .badRecord?:
                badRecord = state.nextBadRecord()
            case nil:
                break
            }
            let call = DialectCall(request: request, path: path, nowMicro: nowMicro, configuration: configuration,
                                   badRecord: badRecord)
            return after(.respond(serve(call, dialect: dialect, state: &state)))
        }
    }

    /// Authenticates and routes one dialect request.
    private func serve(_ call: DialectCall, dialect: SimDialect, state: inout SimulatorState) -> HTTPResponse {
        let api = dialect.api
        func failure(_ error: DialectError) -> HTTPResponse {
            var headers = HTTPHeaders()
            if error.status == 401 { headers.set("WWW-Authenticate", "Bearer") }
            return .json(status: error.status, body: api.errorBody(status: error.status, message: error.message).bytes,
                         headers: headers)
        }
        if dialect == .reseller, call.segments == ["api", "v1", "authenticate"] {
            return authenticate(call, state: &state, failure: failure)
        }
        let presented = call.request.headers["Authorization"].flatMap { value -> String? in
            let parts = value.split(separator: " ", maxSplits: 1)
            return parts.count == 2 && parts[0].lowercased() == "bearer" ? parts[1].trimmingASCIISpaces() : nil
        }
        let authorized: Bool
        if dialect == .reseller {
            authorized = presented.map { state.sessions.isValid($0, now: Date()) } ?? false
        } else {
            authorized = presented != nil && presented == configuration.token(for: dialect)
        }
        guard authorized else {
            let hint = dialect == .reseller
                ? "a valid auth_token (POST /api/v1/authenticate; tokens expire after \(state.sessions.expiresIn) s)"
                : "the configured static token"
            return failure(DialectError(status: 401, message: "unauthorized: send Authorization: Bearer with \(hint)"))
        }
        do {
            // Mutated in place: a copy out of the dictionary would make every
            // write duplicate 100,000 orders.
            return try api.handle(call, state: &state.dialects[dialect]!)
        } catch {
            return failure(error)
        }
    }

    private func authenticate(_ call: DialectCall, state: inout SimulatorState,
                              failure: (DialectError) -> HTTPResponse) -> HTTPResponse {
        guard call.method == "POST" else {
            return failure(DialectError(status: 405, message: "authenticate with POST and a JSON body {username, password}"))
        }
        guard let body = try? JSONParser.parse(call.request.body),
              let username = body["username"]?.scalarText, let password = body["password"]?.scalarText else {
            return failure(.badRequest("the body must be JSON {\"username\": \"...\", \"password\": \"...\"}"))
        }
        guard username == configuration.resellerUsername, password == configuration.resellerPassword else {
            return failure(DialectError(status: 401, message: "invalid username or password"))
        }
        let token = state.sessions.issue(now: Date())
        return .json(body: JSONValue.obj(["auth_token": .string(token),
                                          "expires_in": .int(state.sessions.expiresIn)]).bytes)
    }

    func notFound(_ request: HTTPRequest) -> HTTPResponse {
        let prefixes = SimDialect.allCases.map { "/" + $0.rawValue }.joined(separator: ", ")
        let body = JSONValue.obj(["error": .string("not_found"),
                                  "message": .string("no route for \(request.method) \(request.path); dialect paths start with \(prefixes), control paths with /_sim")])
        return .json(status: 404, body: body.bytes)
    }
}

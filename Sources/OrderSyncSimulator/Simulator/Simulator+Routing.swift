import FoundationEssentials

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
                return .respond(.json(body: api.errorBody(status: 200, message: message).bytes))
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
        if let login = api.login(call, sessions: &state.dialects[dialect]!.sessions) {
            switch login {
            case .success(let response): return response
            case .failure(let error): return failure(error)
            }
        }
        let bearer = call.request.headers["Authorization"].flatMap { value -> String? in
            let parts = value.split(separator: " ", maxSplits: 1)
            return parts.count == 2 && parts[0].lowercased() == "bearer" ? parts[1].trimmingASCIISpaces() : nil
        }
        let sessions = state.dialects[dialect]!.sessions
        let authorized: Bool
        var expected = "Authorization: Bearer"
        switch api.authentication {
        case .session: authorized = bearer.map { sessions.isValid($0, now: configuration.clock()) } ?? false
        case .staticBearer: authorized = bearer != nil && bearer == configuration.token(for: dialect)
        case .staticKey(let header):
            expected = header
            authorized = call.request.headers[header] != nil && call.request.headers[header] == configuration.token(for: dialect)
        }
        guard authorized else {
            let hint = api.unauthorizedHint(sessions: sessions)
            return failure(DialectError(status: 401, message: "unauthorized: send \(expected) with \(hint)"))
        }
        do {
            // Mutated in place: a copy out of the dictionary would make every
            // write duplicate 100,000 orders.
            return try api.handle(call, state: &state.dialects[dialect]!)
        } catch {
            return failure(error)
        }
    }

    func notFound(_ request: HTTPRequest) -> HTTPResponse {
        let prefixes = SimDialect.allCases.map { "/" + $0.rawValue }.joined(separator: ", ")
        let body = JSONValue.obj(["error": .string("not_found"),
                                  "message": .string("no route for \(request.method) \(request.path); dialect paths start with \(prefixes), control paths with /_sim")])
        return .json(status: 404, body: body.bytes)
    }
}

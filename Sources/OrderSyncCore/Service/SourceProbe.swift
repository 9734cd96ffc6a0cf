import FoundationEssentials

/// `check-config --probe`: one authenticated request per source, the first page of its list
/// endpoint at the smallest page size, to tell working credentials from refused ones and a
/// reachable upstream from an unreachable one (Airbyte's "check connection").
public enum SourceProbe {
    public enum Outcome: Sendable, Equatable {
        case ok(status: Int)
        case credentialsRefused(String)
        case unreachable(String)
        case tlsError(String)
        /// The upstream answered, but not with success (a 4xx other than 401/403, a 5xx).
        case failed(String)

        public var isOK: Bool {
            if case .ok = self { return true }
            return false
        }

        public var description: String {
            switch self {
            case .ok(let status): "ok (HTTP \(status))"
            case .credentialsRefused(let detail): "credentials refused: \(detail)"
            case .unreachable(let detail): "unreachable: \(detail)"
            case .tlsError(let detail): "TLS error: \(detail)"
            case .failed(let detail): "failed: \(detail)"
            }
        }
    }

    /// Probes `source`; a transient failure is retried once at most, so a dead upstream answers fast.
    public static func probe(
        _ source: SourceConfiguration, adapter: any DialectAdapter, transport: any HTTPTransport = CurlTransport.shared
    ) async -> Outcome {
        var settings = HTTPClientSettings(source.http)
        settings.maxAttempts = min(settings.maxAttempts, 2)
        let client = HTTPClient(source: source.name, baseURL: source.baseURL, settings: settings, transport: transport,
                                authorizer: adapter.makeAuthorizer(source: source))
        // The first page at the smallest page size, built as every sync builds its requests.
        var endpoint = adapter.list
        endpoint.pagination.pageSize = 1
        do {
            let request = try endpoint.request(at: endpoint.pagination.start, query: [], baseURL: source.baseURL)
            let response = try await client.send(request)
            return .ok(status: response.status)
        } catch let error as HTTPError {
            return classify(error.kind, error.description)
        } catch {
            return .failed("\(error)")
        }
    }

    static func classify(_ kind: HTTPError.Kind, _ description: String) -> Outcome {
        switch kind {
        case .unauthorized, .authorization, .status(401, _), .status(403, _):
            return .credentialsRefused(description)
        case .transport(.tls):
            return .tlsError(description)
        case .transport(.connectionFailed), .transport(.timedOut):
            return .unreachable(description)
        case .retriesExhausted(_, let last):
            return classify(last, description)
        default:
            return .failed(description)
        }
    }
}

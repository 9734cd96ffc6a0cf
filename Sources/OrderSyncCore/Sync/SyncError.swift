/// Why a stream could not finish. The run is recorded as failed with this description; the
/// checkpoint stays where the last committed page left it, and the next poll resumes there.
public enum SyncError: Error, CustomStringConvertible {
    case http(HTTPError)
    /// A 2xx body that is not JSON, after the retries a fault gets.
    case invalidBody(path: String, JSONParseError)
    /// JSON, but not shaped as the dialect's list (no records array where one belongs).
    case unexpectedShape(path: String, String)
    case upstream(path: String, UpstreamError)
    /// The upstream kept answering "more pages" past any sensible end.
    case runawayPagination(path: String, pages: Int)
    /// Two consecutive pages were identical, or a next-page pointer did not move: the upstream
    /// ignores the page parameter.
    case repeatedPage(path: String, page: String)
    /// A stored checkpoint that does not decode (hand-edited, or written by something else).
    case badCheckpoint(source: String, stream: String, value: String, reason: String)
    case store(any Error)

    /// A stored value for an error line: bounded, on one line.
    private static func quoted(_ value: String) -> String {
        let flat = value.replacing("\n", with: "\\n")
        return flat.count > 200 ? String(flat.prefix(200)) + "…" : flat
    }

    public var description: String {
        switch self {
        case .http(let error): error.description
        case .invalidBody(let path, let error): "\(path): the response is not JSON (\(error))"
        case .unexpectedShape(let path, let message): "\(path): unexpected response: \(message)"
        case .upstream(let path, let error): "\(path): \(error)"
        case .runawayPagination(let path, let pages):
            "\(path): stopped after \(pages) pages without reaching the last one; check the page size and the upstream's pagination"
        case .repeatedPage(let path, let page):
            "\(path): \(page) repeated the previous page; the upstream seems to ignore the page parameter"
        case .badCheckpoint(let source, let stream, let value, let reason):
            "source \"\(source)\", stream \"\(stream)\": the checkpoint cannot be read (\(reason)): \(Self.quoted(value)); "
                + "fix the value in sync_state or reset the stream (`ordersync reset --source \(source) --stream \(stream) --yes`)"
        // The Store's errors say themselves what an operator can do (busy, disk full).
        // A store error names its file already (`database /path: SQLite error …`).
        case .store(let error): "\(error)".hasPrefix("database ") ? "\(error)" : "database: \(error)"
        }
    }
}

import FoundationEssentials
import PlatformSupport

/// Next-page links an upstream hands out (`Link: <…>; rel="next"`, or a URL in the body),
/// turned back into a request under the source's base URL. A link to another origin, or
/// outside the base path, is refused: the request would carry the source's credentials.
enum LinkTarget {
    /// The `rel="next"` target of an RFC 8288 `Link` header value, if any.
    static func nextLink(inLinkHeader header: String) -> String? {
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingWhitespace() }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            let isNext = pieces.dropFirst().contains { parameter in
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { return false }
                return String(pair[1].drop { $0 == "\"" }.reversed().drop { $0 == "\"" }.reversed()).lowercased()
                    .split(separator: " ").contains("next")
            }
            if isNext { return String(target.dropFirst().dropLast()) }
        }
        return nil
    }

    /// The request path (below the base URL's path) and query of `link`.
    static func resolve(_ link: String, baseURL: URL, listPath: String) throws -> (path: String, query: [URLQueryItem]) {
        guard let url = URL(string: link, relativeTo: baseURL)?.absoluteURL,
              let components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            throw SyncError.unexpectedShape(path: listPath, "the next-page link is not a URL")
        }
        let sameOrigin = components.scheme?.lowercased() == baseURL.scheme?.lowercased()
            && components.host?.lowercased() == baseURL.host?.lowercased()
            && (components.port ?? defaultPort(components.scheme)) == (baseURL.port ?? defaultPort(baseURL.scheme))
        var basePath = baseURL.path
        while basePath.hasSuffix("/") { basePath.removeLast() }
        guard sameOrigin, components.path.hasPrefix(basePath + "/") || components.path == basePath else {
            throw SyncError.unexpectedShape(
                path: listPath, "the next-page link leaves the source's base URL; it is not followed (credentials stay with the source)")
        }
        return (String(components.path.dropFirst(basePath.count)), components.queryItems ?? [])
    }

    private static func defaultPort(_ scheme: String?) -> Int? {
        switch scheme?.lowercased() {
        case "https": 443
        case "http": 80
        default: nil
        }
    }
}

/// Where the metrics and health listener accepts connections: `metrics.listen` in the
/// configuration, `"127.0.0.1:9464"`, `"[::1]:9464"` or an absolute unix socket path.
public enum MetricsListen: Sendable, Equatable, CustomStringConvertible {
    /// An IP literal (v4 or v6, without brackets) or `localhost`, and a port (0 picks a free one).
    case tcp(host: String, port: UInt16)
    /// A unix stream socket at this absolute path.
    case unix(path: String)

    /// Parses the configured text; nil with the reason when it is not an address.
    public static func parse(_ text: String) -> Result<MetricsListen, ListenError> {
        if text.hasPrefix("/") {
            // sockaddr_un holds 108 bytes with the terminating NUL.
            guard text.utf8.count < 108 else { return .failure(ListenError("a unix socket path must be shorter than 108 bytes")) }
            return .success(.unix(path: text))
        }
        guard let colon = text.lastIndex(of: ":") else {
            return .failure(ListenError("expected HOST:PORT (\"127.0.0.1:9464\") or an absolute unix socket path"))
        }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard let port = UInt16(portText) else {
            return .failure(ListenError("the port must be an integer from 0 to 65535, got \"\(portText)\""))
        }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
            guard IPAddress.isIPv6(host) else { return .failure(ListenError("\"[\(host)]\" is not an IPv6 address")) }
        } else if host != "localhost" && !IPAddress.isIPv4(host) {
            return .failure(ListenError("the host must be an IP address or localhost (no name lookups), got \"\(host)\""))
        }
        return .success(.tcp(host: host == "localhost" ? "127.0.0.1" : host, port: port))
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): path
        }
    }

    public struct ListenError: Error, Sendable {
        public var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}

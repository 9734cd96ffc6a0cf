#if canImport(Glibc)
import Glibc
#endif

/// Who can reach the listener. `/metrics` and `/healthz` have no authentication and say more
/// than an operator may expect (source names, why a source is failing, with upstream error
/// texts, request and order counts, the version), so anything but loopback is worth a warning.
extension MetricsListen {
    /// True for 127.0.0.0/8, `::1` (however written), IPv4-mapped loopback and unix sockets
    /// (which file permissions guard).
    public var isLocalOnly: Bool {
        switch self {
        case .unix:
            return true
        case .tcp(let host, _):
            var v4 = in_addr()
            if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
            var v6 = in6_addr()
            guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            let loopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
            let mappedLoopback = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff && bytes[12] == 127
            return loopback || mappedLoopback
        }
    }

    /// The warning to log when the listener is reachable from other hosts; nil on loopback.
    public var exposureWarning: String? {
        guard !isLocalOnly else { return nil }
        return "metrics.listen \(description) is reachable from other hosts: /metrics and /healthz have no authentication "
            + "and reveal source names, why sources are unhealthy (error texts), request and order counts and the version; "
            + "listen on 127.0.0.1, [::1] or a unix socket and scrape through it, or restrict the port with a firewall "
            + "(see \"Metrics and health\" in docs/operations.md)"
    }
}

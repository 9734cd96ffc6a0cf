import CCurl
import FoundationEssentials
import Glibc
import PlatformSupport

/// The production transport: libcurl's multi interface, driven by one thread of its own.
///
/// Connections stay open and are reused per host (HTTP/1.1 keep-alive; HTTP/2 multiplexing
/// where a TLS upstream offers it). Each attempt is bounded on its handle by the connect
/// timeout, an idle timeout (less than `CurlTransfer.stallBytesPerSecond` for the whole idle
/// period) and the overall deadline; the body is cut off as soon as it passes the size limit.
/// Redirects are never followed, so credentials never travel to another origin: a 3xx comes
/// back as a response, which `HTTPClient` treats as a failure.
///
/// A request costs one hand-off to the loop thread and one continuation resumed from it. Use
/// `shared`: one transport per process keeps connections alive across requests and sources.
public final class CurlTransport: HTTPTransport {
    /// The process-wide transport, shared by every source.
    public static let shared = CurlTransport()

    /// `curl_global_init` once per process, before the first handle.
    private static let globalInit: CURLcode = curl_global_init(ccurl_global_default())

    /// Idle connections kept open for reuse, across every host.
    static let keptConnections = 64

    private let inbox: CurlInbox

    /// A transport with its own loop thread and connections; production code wants `shared`.
    ///
    /// - Parameter caBundle: a PEM file of the certificate authorities to trust instead of the
    ///   system's; by default `$CURL_CA_BUNDLE`, else `$SSL_CERT_FILE` (as the `curl` tool
    ///   reads them), for a test upstream with its own certificate. Verification stays on.
    public init(caBundle: String? = CurlTransport.caBundleFromEnvironment()) {
        _ = Self.globalInit
        guard let raw = curl_multi_init() else {
            fatalError("libcurl could not create a multi handle (out of memory)")
        }
        _ = ccurl_multi_setopt_long(raw, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        // libcurl's default cache holds 4 idle connections per transfer running *now*: after a
        // burst of detail requests, a lone list request would make it close the rest.
        _ = ccurl_multi_setopt_long(raw, CURLMOPT_MAXCONNECTS, Self.keptConnections)
        let multi = CurlMultiHandle(raw: raw)
        let inbox = CurlInbox(multi: multi)
        self.inbox = inbox
        OSThread.start(name: "ordersync-http") {
            CurlEventLoop(multi: multi, inbox: inbox, caBundle: caBundle).run()
        }
    }

    deinit {
        inbox.close()
    }

    public func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> HTTPResponse {
        let job = try CurlJob(request, limits: limits)
        let inbox = inbox
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                inbox.submit(job, continuation)
            }
        } onCancel: {
            inbox.cancel(job)
        }
        return try outcome.get()
    }

    /// `$CURL_CA_BUNDLE`, else `$SSL_CERT_FILE`, when set and not empty.
    public static func caBundleFromEnvironment() -> String? {
        for name in ["CURL_CA_BUNDLE", "SSL_CERT_FILE"] {
            if let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty {
                return value
            }
        }
        return nil
    }
}

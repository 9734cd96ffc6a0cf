#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Dispatch
import Foundation

/// The production transport: FoundationNetworking's `URLSession` (libcurl underneath).
///
/// Uses the `dataTask` + delegate form, never `async data(for:)`: cancelling that one can
/// deadlock on Swift 6.3 (swift-corelibs-foundation #5412). Every attempt gets an overall
/// deadline timer that cancels its task, because libcurl's idle timeout restarts whenever a
/// byte arrives and the resource timeout is ignored. Use `shared`: one long-lived session per
/// process keeps connections alive across requests and sources.
public final class URLSessionTransport: HTTPTransport {
    /// The process-wide transport, shared by every source.
    public static let shared = URLSessionTransport()

    private let session: URLSession
    private let delegate: SessionDelegate

    /// A transport with its own session; production code wants `shared` instead.
    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        let delegate = SessionDelegate()
        let queue = OperationQueue()
        queue.name = "ordersync.http.delegate"
        queue.maxConcurrentOperationCount = 1
        self.delegate = delegate
        self.session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }

    deinit {
        session.invalidateAndCancel()
    }

    public func perform(_ request: URLRequest, limits: TransportLimits) async throws(TransportError) -> HTTPResponse {
        var request = request
        // Whole seconds: FoundationNetworking truncates the interval to an integer.
        request.timeoutInterval = TimeInterval(max(1, limits.idleTimeoutSeconds))
        let task = session.dataTask(with: request)
        let transfer = URLSessionTransfer(
            maxResponseBytes: limits.maxResponseBytes,
            isTLS: request.url?.scheme?.lowercased() == "https"
        )
        delegate.register(transfer, for: task)
        // A timer source, not `asyncAfter`: a cancelled work item would stay queued (with what it
        // captured) until its deadline, and at a thousand requests a second that adds up.
        let deadline = DispatchSource.makeTimerSource(queue: .global())
        deadline.setEventHandler { [weak transfer, weak task] in
            transfer?.finish(.failure(.timedOut))
            task?.cancel()
        }
        deadline.schedule(deadline: .now() + Self.dispatchInterval(limits.deadline))
        // Resumed at once: a suspended source must never be released (libdispatch traps).
        deadline.resume()
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard transfer.attach(continuation) else {
                    task.cancel()
                    return
                }
                task.resume()
            }
        } onCancel: {
            transfer.finish(.failure(.cancelled))
            task.cancel()
        }
        deadline.cancel()
        delegate.unregister(task)
        return try outcome.get()
    }

    private static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
        return .nanoseconds(Int(min(max(nanoseconds, 0), Double(Int32.max) * 1e9)))
    }
}

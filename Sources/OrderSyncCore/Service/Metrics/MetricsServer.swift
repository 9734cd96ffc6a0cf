import FoundationEssentials
#if canImport(Glibc)
import Glibc
import PlatformSupport
#endif

/// A deliberately small HTTP/1.1 server for `/metrics` and `/healthz`, built the way servers
/// operators trust are (nginx, Go's `net/http` with timeouts): one thread runs `poll(2)` over
/// non-blocking sockets, each connection is a state machine with a deadline (`MetricsConnection`),
/// so a slow, idle or hostile client only ever costs its own slot, never another client's answer.
/// GET only, no request bodies, heads capped at 8 KiB, keep-alive with a short idle timeout.
/// Not the simulator's server: that one plays an upstream.
public final class MetricsServer: @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String
        public var body: String

        public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: String) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    /// How long each phase of a connection may take, and how many connections may be open.
    public struct Limits: Sendable {
        /// The whole request head must arrive within this, however it dribbles (from the accept,
        /// or from the first byte of a later request on a kept-alive connection).
        public var headTimeout: Duration = .seconds(3)
        /// A kept-alive connection with no request in progress is closed after this.
        public var idleTimeout: Duration = .seconds(5)
        /// A response must be taken by the client within this, or the connection is closed.
        public var writeTimeout: Duration = .seconds(5)
        /// After a response that closes the connection: how long unread input is drained, so
        /// the client reads the response instead of a reset.
        public var lingerTimeout: Duration = .seconds(1)
        /// Open connections at most; past it the oldest connection not being answered is closed
        /// for the new one, and when every one is being answered new ones wait in the backlog.
        public var maxConnections = 256
        /// A longer head gets `431` and the connection closes.
        public var maxHeadBytes = 8192
        /// A path's response is reused for this long: scrapes come seconds apart, but a client
        /// pipelining thousands of them would otherwise buy a full rendering with each.
        public var responseReuse: Duration = .milliseconds(250)

        public init() {}
    }

    let listenAddress: MetricsListen
    var listenDescription: String { listenAddress.description }
    let limits: Limits
    let handler: @Sendable (String) -> Response
    /// Written once in `start`, before the thread that reads them exists (`@unchecked Sendable`
    /// covers them). Closing the listener and the wake pipe happens under `lifecycle`, so `stop`
    /// never shuts down or writes to a descriptor the loop already closed.
    private var descriptor: Int32 = -1
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    private let lifecycle = LockedBox(Lifecycle())
    /// The TCP port actually bound (useful with port 0); nil for a unix socket.
    public var port: UInt16? { boundPort }
    var boundPort: UInt16?

    struct Lifecycle {
        var stopped = false
        var closed = false
    }

    /// - Parameter handler: the response for a GET of a path (query stripped). It runs on the
    ///   listener's thread, so it must answer from memory (it never waits on the store).
    public init(listen: MetricsListen, limits: Limits = Limits(), handler: @escaping @Sendable (String) -> Response) {
        self.listenAddress = listen
        self.limits = limits
        self.handler = handler
    }

    /// Binds and starts serving; throws with the reason when the address cannot be bound.
    public func start() throws(MetricsServerError) {
        let fd = try bind()
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            close(fd)
            throw MetricsServerError(description: "metrics.listen \(listenDescription): cannot create a wake-up pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends + [fd] { Self.makeNonBlocking(end) }
        descriptor = fd
        wakeRead = ends[0]
        wakeWrite = ends[1]
        let wake = ends[0]
        OSThread.start(name: "ordersync-metrics") { [self] in
            var loop = MetricsEventLoop(server: self, listener: fd, wake: wake)
            loop.run()
        }
    }

    /// Stops accepting at once (new connections are refused); the loop then closes every
    /// connection, the listener and its unix socket file.
    public func stop() {
        lifecycle.withValue { state in
            guard !state.stopped, !state.closed else { return }
            state.stopped = true
            // shutdown makes further connects fail now, before the loop gets to close the socket.
            _ = shutdown(descriptor, Int32(SHUT_RDWR))
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
        if case .unix(let path) = listenAddress { _ = unlink(path) }
    }

    /// Asked by the loop on each turn: true once `stop` was called, after which the loop has
    /// closed (under the lock) the descriptors `stop` would otherwise touch.
    func closeIfStopped(_ closeAll: () -> Void) -> Bool {
        lifecycle.withValue { state in
            guard state.stopped else { return false }
            closeAll()
            close(descriptor)
            close(wakeRead)
            close(wakeWrite)
            state.closed = true
            return true
        }
    }

    static func makeNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let descriptorFlags = fcntl(fd, F_GETFD)
        _ = fcntl(fd, F_SETFD, descriptorFlags | FD_CLOEXEC)
    }
}

/// The listener could not be set up.
public struct MetricsServerError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

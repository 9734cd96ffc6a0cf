import Dispatch
import FoundationEssentials
import PlatformSupport
#if canImport(Glibc)
import Glibc
#endif

/// A small loopback HTTP/1.1 server on blocking sockets.
///
/// One thread accepts, and each connection gets its own thread, never the
/// Swift concurrency pool: blocking reads there would starve async code of
/// the process under test. Connections are kept alive; requests may arrive
/// split or pipelined. `stop()` wakes every blocked call with
/// `shutdown(SHUT_RDWR)` and returns once all threads are done.
public final class HTTPServer: Sendable {
    /// Decides the action for one request; called on a connection thread.
    public typealias Handler = @Sendable (HTTPRequest) -> ServerAction

    private struct State {
        var listenFD: Int32 = -1
        var port: UInt16 = 0
        var running = false
        var stopping = false
        var connections: Set<Int32> = []
    }

    public let host: String
    private let requestedPort: UInt16
    private let handler: Handler
    private let state = LockedBox(State())
    private let threads = DispatchGroup()

    /// A server for `host:port`; port 0 asks the kernel for a free port,
    /// readable from `port` after `start()`.
    public init(host: String = "127.0.0.1", port: UInt16 = 0, handler: @escaping Handler) {
        self.host = host
        self.requestedPort = port
        self.handler = handler
    }

    /// The bound port (0 before `start()`).
    public var port: UInt16 {
        state.withValue { $0.port }
    }

    /// Binds, listens and starts accepting on a background thread.
    /// Throws when already running or when the address cannot be bound.
    public func start() throws {
        let bound = try state.withValue { state -> (fd: Int32, port: UInt16) in
            guard !state.running else {
                throw Socket.Failure(call: "start (the server is already running; call stop() first)", code: EALREADY)
            }
            let bound = try Socket.listen(host: host, port: requestedPort)
            state = State(listenFD: bound.fd, port: bound.port, running: true)
            return bound
        }
        threads.enter()
        OSThread.start(name: "sim-accept-\(bound.port)") { [self] in
            acceptLoop(listenFD: bound.fd)
            threads.leave()
        }
    }

    /// Stops accepting, closes every connection and waits for all threads.
    public func stop() {
        let wasRunning = state.withValue { state -> Bool in
            guard state.running, !state.stopping else { return false }
            state.stopping = true
            // Shut down under the lock: a connection thread unregisters its
            // descriptor before closing it, so none of these can be reused.
            shutdown(state.listenFD, Int32(SHUT_RDWR))
            for fd in state.connections {
                shutdown(fd, Int32(SHUT_RDWR))
            }
            return true
        }
        guard wasRunning else { return }
        threads.wait()
        state.withValue { $0 = State(port: $0.port) }
    }

    /// Whether `stop()` has begun; delayed responses poll this to give up early.
    var isStopping: Bool {
        state.withValue { $0.stopping }
    }

    private func acceptLoop(listenFD: Int32) {
        while true {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                let code = errno
                if isStopping { break }
                if code == EINTR || code == ECONNABORTED { continue }
                if code == EMFILE || code == ENFILE {
                    usleep(10_000)
                    continue
                }
                break
            }
            let accepted = state.withValue { state -> Bool in
                guard !state.stopping else { return false }
                state.connections.insert(client)
                return true
            }
            guard accepted else {
                close(client)
                break
            }
            threads.enter()
            OSThread.start(name: "sim-conn-\(client)") { [self] in
                HTTPConnection(fd: client, server: self, handler: handler).run()
                threads.leave()
            }
        }
        close(listenFD)
    }

    /// Forgets a connection; its thread closes the descriptor right after.
    func unregister(_ fd: Int32) {
        state.withValue { _ = $0.connections.remove(fd) }
    }
}

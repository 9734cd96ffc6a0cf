#if canImport(Glibc)
import Glibc
#endif

/// The metrics listener's one thread: `poll(2)` over the listening socket, a wake-up pipe and
/// every open connection, each a `MetricsConnection` with a deadline. Nothing here blocks:
/// sockets are non-blocking, reads and writes take what the kernel has, and the poll timeout is
/// the nearest deadline, so a connection past its deadline is closed on time whatever the others do.
struct MetricsEventLoop {
    let server: MetricsServer
    let listener: Int32
    let wake: Int32
    var connections: [MetricsConnection] = []
    /// One read buffer for every connection: a connection holds only what it has not answered.
    var scratch = [UInt8](repeating: 0, count: 16_384)
    /// Set when accept ran out of descriptors: the listener is left alone until then.
    var acceptPausedUntil: MonotonicTime?
    var limits: MetricsServer.Limits { server.limits }
    /// The last response per path and when it was made (see `Limits.responseReuse`).
    var recent: [String: (response: MetricsServer.Response, at: MonotonicTime)] = [:]

    init(server: MetricsServer, listener: Int32, wake: Int32) {
        self.server = server
        self.listener = listener
        self.wake = wake
    }

    mutating func run() {
        var descriptors: [pollfd] = []
        while true {
            let stopped = server.closeIfStopped { [connections] in
                for connection in connections where !connection.isClosed { close(connection.fd) }
            }
            if stopped { return }
            var now = MonotonicTime.now()
            expire(now)
            if let paused = acceptPausedUntil, !(now < paused) { acceptPausedUntil = nil }
            // A full house where every connection is being answered: newcomers wait in the
            // kernel's backlog until a write finishes or times out.
            let accepting = acceptPausedUntil == nil
                && (connections.count < limits.maxConnections || connections.contains(where: \.evictable))
            descriptors.removeAll(keepingCapacity: true)
            descriptors.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0))
            // A negative descriptor is skipped by poll.
            descriptors.append(pollfd(fd: accepting ? listener : -1, events: Int16(POLLIN), revents: 0))
            for connection in connections { descriptors.append(pollfd(fd: connection.fd, events: connection.events, revents: 0)) }
            var nearest = connections.map(\.deadline).min()
            if let paused = acceptPausedUntil { nearest = nearest.map { min($0, paused) } ?? paused }
            let timeout = connections.contains(where: \.deferred) ? 0 : nearest.map { now.milliseconds(until: $0) } ?? -1
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 {
                guard errno == EINTR else { return }
                continue
            }
            now = MonotonicTime.now()
            if descriptors[0].revents != 0 { drainWake() }
            for index in connections.indices where descriptors[index + 2].revents != 0 || connections[index].deferred {
                advance(index, now: now)
            }
            connections.removeAll(where: \.isClosed)
            if descriptors[1].revents != 0 { acceptWaiting(now: now) }
        }
    }

    /// Closes every connection whose phase overran its deadline.
    mutating func expire(_ now: MonotonicTime) {
        for index in connections.indices where !(now < connections[index].deadline) { closeConnection(index) }
        connections.removeAll(where: \.isClosed)
    }

    /// Accepts what the backlog holds; past the cap, the oldest connection not being answered
    /// (a dribbling head, an idle keep-alive, a lingering close) makes room.
    mutating func acceptWaiting(now: MonotonicTime) {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM {
                    // Out of descriptors: polling the listener again at once would spin.
                    acceptPausedUntil = now + .milliseconds(100)
                }
                return
            }
            MetricsServer.makeNonBlocking(client)
            if connections.count >= limits.maxConnections {
                let candidates = connections.indices.filter { connections[$0].evictable }
                guard let oldest = candidates.min(by: { connections[$0].since < connections[$1].since }) else {
                    close(client)
                    return
                }
                closeConnection(oldest)
                connections.remove(at: oldest)
            }
            connections.append(MetricsConnection(fd: client, now: now, headTimeout: limits.headTimeout))
            // A well-behaved client has usually sent its request already: answer it now.
            advance(connections.count - 1, now: now)
            if connections.last?.isClosed == true { connections.removeLast() }
        }
    }

    /// Does what the connection's state allows now that its socket is ready.
    mutating func advance(_ index: Int, now: MonotonicTime) {
        switch connections[index].state {
        case .idle, .readingHead: readHead(index, now: now)
        case .writing:
            writeResponse(index, now: now)
            // Kept alive and done: a pipelined request in the input waits for the next turn.
            if connections[index].reading && !connections[index].input.isEmpty { connections[index].deferred = true }
        case .lingering: drainInput(index)
        case .closed: break
        }
    }

    mutating func closeConnection(_ index: Int) {
        guard !connections[index].isClosed else { return }
        close(connections[index].fd)
        connections[index].state = .closed
    }

    /// The handler's response for `path`, or the one it gave less than `responseReuse` ago.
    mutating func response(for path: String, now: MonotonicTime) -> MetricsServer.Response {
        if let last = recent[path], now < last.at + limits.responseReuse { return last.response }
        let response = server.handler(path)
        // Only the routes that exist are kept, so random paths cannot grow the table.
        if response.status != 404 { recent[path] = (response, now) }
        return response
    }

    private func drainWake() {
        var byte: UInt8 = 0
        while read(wake, &byte, 1) > 0 {}
    }
}

extension MetricsConnection {
    var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }
}

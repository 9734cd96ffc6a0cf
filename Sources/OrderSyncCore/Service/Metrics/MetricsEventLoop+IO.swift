#if canImport(Glibc)
import Glibc
#endif

/// Reading heads, writing responses and draining before a close, each without blocking.
extension MetricsEventLoop {
    /// Reads what has arrived of a head and serves the first complete request in the input.
    mutating func readHead(_ index: Int, now: MonotonicTime) {
        connections[index].deferred = false
        while connections[index].reading {
            if serveBuffered(index, now: now) {
                // Answered in full; a further pipelined request waits for the next turn.
                connections[index].deferred = !connections[index].input.isEmpty
                return
            }
            guard connections[index].reading else { return }
            // Never more than the limit (plus one byte, to know it was exceeded) is held.
            let room = limits.maxHeadBytes + 1 - connections[index].input.count
            let count = recv(connections[index].fd, &scratch, min(scratch.count, room), 0)
            if count > 0 {
                if case .idle = connections[index].state {
                    // The head deadline of a kept-alive connection's next request starts here.
                    connections[index].enter(.readingHead, now: now, timeout: limits.headTimeout)
                }
                connections[index].input += scratch[0..<count]
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            closeConnection(index)  // the client closed, or the connection failed
            return
        }
    }

    /// Starts answering the first complete head in the input, or refuses an oversized one.
    /// - Returns: true when a response was written in full and the connection reads again.
    private mutating func serveBuffered(_ index: Int, now: MonotonicTime) -> Bool {
        let input = connections[index].input
        guard let end = MetricsRequest.headEnd(in: input, from: connections[index].scanned - 3) else {
            connections[index].scanned = input.count
            guard input.count > limits.maxHeadBytes else { return false }
            let refusal = MetricsServer.Response(status: 431, body: "the request head is over \(limits.maxHeadBytes) bytes\n")
            startResponse(index, MetricsRequest.responseBytes(refusal, keepAlive: false), thenClose: true, now: now)
            return false
        }
        let bytes: [UInt8]
        let thenClose: Bool
        switch MetricsRequest.parse(input[..<end]) {
        case .serve(let path, let keepAlive):
            bytes = MetricsRequest.responseBytes(response(for: path, now: now), keepAlive: keepAlive)
            thenClose = !keepAlive
        case .refuse(let status, let message):
            bytes = MetricsRequest.responseBytes(.init(status: status, body: message), keepAlive: false)
            thenClose = true
        }
        // What follows the head is a pipelined next request (GET has no body).
        connections[index].input.removeFirst(end)
        connections[index].scanned = 0
        startResponse(index, bytes, thenClose: thenClose, now: now)
        return connections[index].reading
    }

    private mutating func startResponse(_ index: Int, _ bytes: [UInt8], thenClose: Bool, now: MonotonicTime) {
        connections[index].enter(.writing(bytes: bytes, offset: 0, thenClose: thenClose), now: now, timeout: limits.writeTimeout)
        writeResponse(index, now: now)
    }

    /// Writes what the socket takes; the write deadline set at the start still holds.
    mutating func writeResponse(_ index: Int, now: MonotonicTime) {
        guard case .writing(let bytes, var offset, let thenClose) = connections[index].state else { return }
        let fd = connections[index].fd
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if sent > 0 {
                offset += sent
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                connections[index].state = .writing(bytes: bytes, offset: offset, thenClose: thenClose)
                return
            }
            closeConnection(index)
            return
        }
        if thenClose {
            // Closing with unread input would reset the connection and could destroy the
            // response before the client reads it: send FIN, then drain for a while (nginx's
            // lingering close).
            _ = shutdown(fd, Int32(SHUT_WR))
            connections[index].input = []
            connections[index].enter(.lingering, now: now, timeout: limits.lingerTimeout)
            drainInput(index)
        } else if connections[index].input.isEmpty {
            connections[index].enter(.idle, now: now, timeout: limits.idleTimeout)
        } else {
            connections[index].enter(.readingHead, now: now, timeout: limits.headTimeout)
        }
    }

    /// Drops input after a closing response, until the client closes (or the linger deadline).
    mutating func drainInput(_ index: Int) {
        // A bounded number of reads per turn, so one fast sender cannot monopolize the loop.
        for _ in 0..<16 {
            let count = recv(connections[index].fd, &scratch, scratch.count, 0)
            if count > 0 { continue }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            closeConnection(index)
            return
        }
    }
}

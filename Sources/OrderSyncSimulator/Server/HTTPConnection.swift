import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Serves the requests of one accepted connection until either side closes.
struct HTTPConnection {
    private enum Ending {
        case keepOpen
        case close
        case reset
    }

    let fd: Int32
    let server: HTTPServer
    let handler: HTTPServer.Handler

    /// Reads, answers and finally closes; runs on the connection's own thread.
    func run() {
        Socket.setNoDelay(fd)
        var parser = HTTPRequestParser()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var ending = Ending.close
        serving: while true {
            do {
                while let request = try parser.next() {
                    ending = perform(handler(request), closeAfter: request.wantsClose)
                    if ending != .keepOpen { break serving }
                }
            } catch {
                let body = JSONValue.obj(["error": .string("bad_request"), "message": .string(error.message)]).bytes
                Socket.writeAll(fd, HTTPResponse.json(status: error.status, body: body).serialized(close: true))
                ending = .close
                break serving
            }
            guard let count = Socket.read(fd, into: &chunk), count > 0 else {
                ending = .close
                break serving
            }
            parser.append(chunk[0..<count])
        }
        server.unregister(fd)
        if ending == .reset {
            Socket.closeWithReset(fd)
        } else {
            close(fd)
        }
    }

    private func perform(_ action: ServerAction, closeAfter: Bool) -> Ending {
        switch action {
        case .respond(let response):
            return send(response, closeAfter: closeAfter)
        case .respondAfter(let milliseconds, let response):
            // Sleep in slices so stop() is never held up by a long delay.
            let deadline = Date().addingTimeInterval(Double(milliseconds) / 1000)
            while Date() < deadline {
                if server.isStopping { return .close }
                usleep(UInt32(min(10_000, max(1, deadline.timeIntervalSinceNow * 1_000_000))))
            }
            return send(response, closeAfter: closeAfter)
        case .reset:
            return .reset
        case .truncate(let response):
            let sent = response.body.prefix(response.body.count / 2)
            var partial = response
            partial.body = Array(sent)
            let announced = max(response.body.count, sent.count + 16)
            Socket.writeAll(fd, partial.serialized(close: true, contentLength: announced))
            return .close
        }
    }

    private func send(_ response: HTTPResponse, closeAfter: Bool) -> Ending {
        guard Socket.writeAll(fd, response.serialized(close: closeAfter)) else { return .close }
        return closeAfter ? .close : .keepOpen
    }
}

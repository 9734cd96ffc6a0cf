import Glibc

/// A detached thread of its own for a loop that blocks in the kernel (libcurl's poll, a
/// socket's accept): kept off the async runtime's few threads. Foundation's `Thread` would
/// link all of Foundation into the daemon for this one call.
public enum OSThread {
    /// Starts `body` on a new detached thread named `name` (at most 15 bytes show in `top`).
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(name: name, run: body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, entry, context)
        // Without a thread the process cannot work at all (as with a failed allocation).
        precondition(created == 0, "cannot start thread \(name): error \(created)")
        pthread_detach(thread)
    }

    private static let entry: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { context in
        guard let context else { return nil }
        let body = Unmanaged<Body>.fromOpaque(context).takeRetainedValue()
        nameCurrentThread(body.name)
        body.run()
        return nil
    }

    /// What `top -H` and `/proc` show. Through `/proc/thread-self/comm`, because Glibc's module
    /// map leaves out `pthread_setname_np` (a GNU extension); failure only leaves the old name.
    private static func nameCurrentThread(_ name: String) {
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = StandardStreams.write(String(decoding: name.utf8.prefix(15), as: UTF8.self), to: descriptor)
        close(descriptor)
    }

    private final class Body: Sendable {
        let name: String
        let run: @Sendable () -> Void
        init(name: String, run: @escaping @Sendable () -> Void) {
            self.name = name
            self.run = run
        }
    }
}

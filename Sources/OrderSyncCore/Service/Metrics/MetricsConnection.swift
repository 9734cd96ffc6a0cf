#if canImport(Glibc)
import Glibc
#endif

/// One client connection of the metrics listener: a state machine the event loop drives when
/// its socket is ready or its deadline passes. Every state has a deadline, so no client can
/// hold a slot for longer than the slowest phase allows, and the memory held is bounded by
/// the head limit plus one response.
struct MetricsConnection {
    enum State {
        /// Kept alive between requests, nothing received yet.
        case idle
        /// Part of a head received; the whole of it must arrive by the deadline.
        case readingHead
        /// A response being written; `thenClose` after it, else back to reading.
        case writing(bytes: [UInt8], offset: Int, thenClose: Bool)
        /// Output shut down after a closing response; unread input is drained and dropped.
        case lingering
        /// Closed; the loop drops it.
        case closed
    }

    let fd: Int32
    var state: State
    var deadline: MonotonicTime
    /// When the current state began: the oldest non-answering connection is evicted first.
    var since: MonotonicTime
    /// Head bytes received and not yet answered (with a pipelined next request, its start).
    var input: [UInt8] = []
    /// Where the search for the end of the head resumes.
    var scanned = 0
    /// A pipelined request waits in `input`: it is served on the loop's next turn, after every
    /// other ready connection had its turn (one request per connection per turn, so a client
    /// pipelining hundreds of scrapes cannot make the others wait for all of them).
    var deferred = false

    init(fd: Int32, now: MonotonicTime, headTimeout: Duration) {
        self.fd = fd
        state = .readingHead
        deadline = now + headTimeout
        since = now
    }

    /// The poll events this state waits for.
    var events: Int16 {
        if case .writing = state { return Int16(POLLOUT) }
        return Int16(POLLIN)
    }

    /// Whether the connection may be closed for a newcomer: it is not being answered.
    var evictable: Bool {
        switch state {
        case .writing, .closed: false
        case .idle, .readingHead, .lingering: true
        }
    }

    /// Whether it waits for (more of) a request head.
    var reading: Bool {
        switch state {
        case .idle, .readingHead: true
        case .writing, .lingering, .closed: false
        }
    }

    mutating func enter(_ state: State, now: MonotonicTime, timeout: Duration) {
        self.state = state
        since = now
        deadline = now + timeout
    }
}

/// `CLOCK_MONOTONIC` in nanoseconds: deadlines that wall-clock steps cannot move.
struct MonotonicTime: Comparable {
    var nanoseconds: Int64

    static func now() -> MonotonicTime {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return MonotonicTime(nanoseconds: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec))
    }

    static func + (lhs: MonotonicTime, rhs: Duration) -> MonotonicTime {
        let (seconds, attoseconds) = rhs.components
        return MonotonicTime(nanoseconds: lhs.nanoseconds + seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    static func < (lhs: MonotonicTime, rhs: MonotonicTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Milliseconds from `self` until `later`, rounded up so a poll never wakes just early.
    func milliseconds(until later: MonotonicTime) -> Int32 {
        let difference = later.nanoseconds - nanoseconds
        guard difference > 0 else { return 0 }
        return Int32(min((difference + 999_999) / 1_000_000, Int64(Int32.max)))
    }
}

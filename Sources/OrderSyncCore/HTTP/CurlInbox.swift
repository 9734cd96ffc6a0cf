import CCurl
import PlatformSupport

/// The hand-off between the tasks that send requests and the loop thread that runs them.
///
/// Tasks append under a lock and wake the loop only when it is (about to be) asleep in
/// `curl_multi_poll`, so a busy loop picks up new work without a single extra system call.
/// The loop drains everything at once at the top of each turn.
final class CurlInbox: Sendable {
    typealias Outcome = Result<HTTPResponse, TransportError>

    /// A job and the continuation that receives its outcome, exactly once.
    struct Submission: Sendable {
        let job: CurlJob
        let continuation: CheckedContinuation<Outcome, Never>
    }

    /// What the loop takes at the top of a turn.
    struct Batch {
        var submissions: [Submission]
        /// Jobs whose tasks were cancelled; the loop ignores those it no longer holds.
        var cancellations: [CurlJob]
        var closing: Bool
    }

    private struct State: Sendable {
        var submissions: [Submission] = []
        var cancellations: [CurlJob] = []
        var closing = false
        /// The loop has found nothing to do and is about to wait, or waiting.
        var loopIsWaiting = false
        /// A wakeup went out since the loop last drained.
        var wakeupSent = false

        /// Whether the caller must wake the loop (at most once per wait).
        mutating func needsWakeup() -> Bool {
            guard loopIsWaiting, !wakeupSent else { return false }
            wakeupSent = true
            return true
        }
    }

    private let state = LockedBox(State())
    private let multi: CurlMultiHandle

    init(multi: CurlMultiHandle) {
        self.multi = multi
    }

    /// Queues a job for the loop; resumes at once when the task is already cancelled.
    ///
    /// The cancellation check happens under the lock `cancel(_:)` takes, so a cancellation
    /// either sees the job queued (or on the loop) or the job sees the cancellation: it is
    /// never lost between the two.
    func submit(_ job: CurlJob, _ continuation: CheckedContinuation<Outcome, Never>) {
        enum Action { case queued(wake: Bool), cancelled, closed }
        let action = state.withValue { state -> Action in
            guard !state.closing else { return .closed }
            guard !Task.isCancelled else { return .cancelled }
            state.submissions.append(Submission(job: job, continuation: continuation))
            return .queued(wake: state.needsWakeup())
        }
        switch action {
        case .queued(let wake):
            if wake { multi.wakeup() }
        case .cancelled:
            continuation.resume(returning: .failure(.cancelled))
        case .closed:
            continuation.resume(returning: .failure(.other("the HTTP transport has been shut down")))
        }
    }

    /// Cancels a job: resumes it here when the loop has not taken it yet, otherwise asks the
    /// loop to remove its transfer.
    func cancel(_ job: CurlJob) {
        let (unstarted, wake) = state.withValue { state -> (Submission?, Bool) in
            if let index = state.submissions.firstIndex(where: { $0.job === job }) {
                return (state.submissions.remove(at: index), false)
            }
            state.cancellations.append(job)
            return (nil, state.needsWakeup())
        }
        unstarted?.continuation.resume(returning: .failure(.cancelled))
        if wake { multi.wakeup() }
    }

    /// Stops the loop; it fails what it still holds as cancelled and frees the multi handle.
    func close() {
        state.withValue { state in
            state.closing = true
            // Under the lock: the loop cannot see `closing` and free the multi handle before
            // this wakeup has been written.
            multi.wakeup()
        }
    }

    /// Everything queued since the last turn (loop thread).
    func take() -> Batch {
        state.withValue { state in
            let batch = Batch(submissions: state.submissions, cancellations: state.cancellations, closing: state.closing)
            state.submissions.removeAll(keepingCapacity: true)
            state.cancellations.removeAll(keepingCapacity: true)
            state.loopIsWaiting = false
            state.wakeupSent = false
            return batch
        }
    }

    /// Whether the loop may wait: `false` when work arrived since `take()` (loop thread).
    /// From `true` on, new work wakes the loop.
    func prepareToWait() -> Bool {
        state.withValue { state in
            guard state.submissions.isEmpty, state.cancellations.isEmpty, !state.closing else { return false }
            state.loopIsWaiting = true
            return true
        }
    }
}

/// The multi handle as other threads may see it: only to wake its loop.
struct CurlMultiHandle: @unchecked Sendable {
    /// `CURLM *`; owned and freed by the loop thread.
    let raw: UnsafeMutableRawPointer

    /// Interrupts `curl_multi_poll`; libcurl documents this call as safe from any thread.
    func wakeup() {
        _ = curl_multi_wakeup(raw)
    }
}

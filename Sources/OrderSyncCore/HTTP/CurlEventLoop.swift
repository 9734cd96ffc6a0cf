import CCurl

/// The one thread that runs every transfer: owns the multi handle, the easy handles and the
/// table of running transfers, and resumes each request's continuation when it ends.
///
/// Not `Sendable`: created on its thread by `CurlTransport` and never leaves it; other
/// threads reach it only through the `CurlInbox`.
final class CurlEventLoop {
    /// Easy handles kept for reuse; more than this many idle ones are freed.
    static let sparedHandles = 64
    /// How long an idle loop waits when nothing wakes it: nothing depends on it, so long.
    static let idleWaitMilliseconds: Int32 = 3_600_000
    /// The longest wait while transfers run; libcurl shortens it to its own next timeout.
    static let busyWaitMilliseconds: Int32 = 1_000

    private let multi: CurlMultiHandle
    private let inbox: CurlInbox
    private let caBundle: String?
    /// Running transfers by their easy handle.
    private var transfers: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var spareHandles: [CurlEasyHandle] = []

    init(multi: CurlMultiHandle, inbox: CurlInbox, caBundle: String?) {
        self.multi = multi
        self.inbox = inbox
        self.caBundle = caBundle
    }

    /// Runs transfers until the inbox closes, then fails what is left and frees the handles.
    func run() {
        while true {
            let batch = inbox.take()
            if batch.closing {
                shutDown(unstarted: batch.submissions)
                return
            }
            for submission in batch.submissions {
                start(submission)
            }
            for job in batch.cancellations {
                cancel(job)
            }
            var running: Int32 = 0
            _ = curl_multi_perform(multi.raw, &running)
            collectFinished()
            guard inbox.prepareToWait() else { continue }
            let wait = transfers.isEmpty ? Self.idleWaitMilliseconds : Self.busyWaitMilliseconds
            _ = curl_multi_poll(multi.raw, nil, 0, wait, nil)
        }
    }

    private func start(_ submission: CurlInbox.Submission) {
        guard let handle = spareHandles.popLast() ?? CurlEasyHandle() else {
            submission.continuation.resume(returning: .failure(.other("libcurl could not create a handle (out of memory?)")))
            return
        }
        let transfer = CurlTransfer(job: submission.job, handle: handle, continuation: submission.continuation)
        if let refused = transfer.configure(caBundle: caBundle) {
            finish(transfer, with: .failure(refused), added: false)
            return
        }
        let added = curl_multi_add_handle(multi.raw, handle.raw)
        guard added == CURLM_OK else {
            let message = String(cString: curl_multi_strerror(added))
            finish(transfer, with: .failure(.other("libcurl could not start the request: \(message)")), added: false)
            return
        }
        transfers[handle.raw] = transfer
    }

    /// Removes a cancelled job's transfer; a job that already finished is not here any more.
    private func cancel(_ job: CurlJob) {
        guard let transfer = transfers.values.first(where: { $0.job === job }) else { return }
        transfers[transfer.handle.raw] = nil
        finish(transfer, with: .failure(.cancelled), added: true)
    }

    private func collectFinished() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi.raw, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            // Read before removing the handle: that invalidates the message.
            let code = message.pointee.data.result
            guard let transfer = transfers.removeValue(forKey: easy) else { continue }
            finish(transfer, with: transfer.outcome(code), added: true)
        }
    }

    /// Takes the handle off the multi handle, keeps it for reuse, and resumes the task.
    private func finish(_ transfer: CurlTransfer, with outcome: CurlTransfer.Outcome, added: Bool) {
        if added {
            _ = curl_multi_remove_handle(multi.raw, transfer.handle.raw)
        }
        transfer.handle.reset()
        if spareHandles.count < Self.sparedHandles {
            spareHandles.append(transfer.handle)
        }
        transfer.resume(with: outcome)
    }

    private func shutDown(unstarted: [CurlInbox.Submission]) {
        for submission in unstarted {
            submission.continuation.resume(returning: .failure(.cancelled))
        }
        for transfer in transfers.values {
            finish(transfer, with: .failure(.cancelled), added: true)
        }
        transfers.removeAll()
        spareHandles.removeAll()
        _ = curl_multi_cleanup(multi.raw)
    }
}

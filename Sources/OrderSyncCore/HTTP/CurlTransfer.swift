import CCurl

/// One request on the loop thread: its easy handle's options, the response as it arrives, and
/// the continuation that receives the outcome.
///
/// Not `Sendable`: libcurl calls back into it from `curl_multi_perform` on the loop thread,
/// through an unretained pointer; the loop's table of running transfers keeps it alive.
final class CurlTransfer {
    typealias Outcome = Result<HTTPResponse, TransportError>

    /// Below this many bytes per second for the whole idle timeout, a response counts as
    /// stalled: a server that sends nothing, or drips a byte now and then to look alive.
    static let stallBytesPerSecond = 64

    let job: CurlJob
    let handle: CurlEasyHandle
    private let continuation: CheckedContinuation<Outcome, Never>
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var headers: [String: String] = [:]
    private var body: [UInt8] = []
    /// Set when the body outgrew the limit and the write callback refused it.
    private var exceededLimit = false

    init(job: CurlJob, handle: CurlEasyHandle, continuation: CheckedContinuation<Outcome, Never>) {
        self.job = job
        self.handle = handle
        self.continuation = continuation
    }

    deinit {
        curl_slist_free_all(headerList)
    }

    /// Sets every option of the request on the (freshly reset) handle; the first refused
    /// option is returned as a failure.
    func configure(caBundle: String?) -> TransportError? {
        let limits = job.limits
        let context = Unmanaged.passUnretained(self).toOpaque()
        var codes: [CURLcode] = [
            handle.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(handle.errorBuffer)),
            handle.set(CURLOPT_URL, job.url),
            // Never SIGALRM for DNS timeouts: this is a multi-threaded process.
            handle.set(CURLOPT_NOSIGNAL, 1),
            handle.set(CURLOPT_PROTOCOLS_STR, "http,https"),
            // A 3xx comes back as it is: following it would carry the Authorization header
            // to wherever the upstream points.
            handle.set(CURLOPT_FOLLOWLOCATION, 0),
            handle.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)),
            // Wait for a connection that can multiplex rather than open another one.
            handle.set(CURLOPT_PIPEWAIT, 1),
            handle.set(CURLOPT_TCP_KEEPALIVE, 1),
            handle.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, limits.connectTimeoutSeconds) * 1000),
            handle.set(CURLOPT_LOW_SPEED_LIMIT, Self.stallBytesPerSecond),
            handle.set(CURLOPT_LOW_SPEED_TIME, max(1, limits.idleTimeoutSeconds)),
            handle.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(limits.deadline)),
            handle.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(limits.maxResponseBytes)),
            // Every encoding libcurl can decode; the size limit applies to the decoded body.
            handle.set(CURLOPT_ACCEPT_ENCODING, ""),
            handle.set(CURLOPT_WRITEFUNCTION, callback: { data, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
            }),
            handle.set(CURLOPT_WRITEDATA, pointer: context),
            handle.set(CURLOPT_HEADERFUNCTION, callback: { data, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
            }),
            handle.set(CURLOPT_HEADERDATA, pointer: context),
        ]
        if let caBundle {
            codes.append(handle.set(CURLOPT_CAINFO, caBundle))
        }
        for line in job.headerLines {
            guard let list = curl_slist_append(headerList, line) else { return .other("out of memory for request headers") }
            headerList = list
        }
        codes.append(handle.set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headerList)))
        codes += configureMethod()
        if let refused = codes.first(where: { $0 != CURLE_OK }) {
            return .other("libcurl refused an option: \(handle.message(for: refused))")
        }
        return nil
    }

    private func configureMethod() -> [CURLcode] {
        var codes: [CURLcode] = []
        if let body = job.body {
            // POSTFIELDSIZE first: COPYPOSTFIELDS copies that many bytes (the body may hold zeros).
            codes.append(handle.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count)))
            codes.append(
                body.isEmpty
                    ? handle.set(CURLOPT_COPYPOSTFIELDS, "")
                    : body.withUnsafeBytes { handle.set(CURLOPT_COPYPOSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            )
            if job.method != "POST" {
                codes.append(handle.set(CURLOPT_CUSTOMREQUEST, job.method))
            }
        } else if job.method == "GET" {
            codes.append(handle.set(CURLOPT_HTTPGET, 1))
        } else if job.method == "HEAD" {
            codes.append(handle.set(CURLOPT_NOBODY, 1))
        } else {
            codes.append(handle.set(CURLOPT_CUSTOMREQUEST, job.method))
        }
        return codes
    }

    /// The write callback: appends body bytes, or refuses them (failing the transfer) once the
    /// body would outgrow the limit.
    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard body.count + bytes.count <= job.limits.maxResponseBytes else {
            exceededLimit = true
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// The header callback: one line per call, status lines included. A new status line
    /// (after a `100 Continue`, say) starts the header set afresh. Byte-level work: this runs
    /// for every header of every response.
    private func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\r") || bytes[end - 1] == UInt8(ascii: "\n") {
            end -= 1
        }
        let line = UnsafeRawBufferPointer(rebasing: bytes[..<end])
        if line.starts(with: "HTTP/".utf8) {
            headers.removeAll()
            return bytes.count
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return bytes.count }
        var valueStart = colon + 1
        var valueEnd = end
        while valueStart < valueEnd, Self.isBlank(line[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart, Self.isBlank(line[valueEnd - 1]) { valueEnd -= 1 }
        let name = String(unsafeUninitializedCapacity: colon) { name in
            for index in 0..<colon {
                let byte = line[index]
                name[index] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            }
            return colon
        }
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: line[valueStart..<valueEnd]), as: UTF8.self)
        if let earlier = headers[name] {
            headers[name] = earlier + ", " + value
        } else {
            headers[name] = value
        }
        if name == "content-length", let length = Int(value), length >= 0 {
            body.reserveCapacity(min(length, job.limits.maxResponseBytes))
        }
        return bytes.count
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// The outcome once libcurl reports the transfer done with `code`.
    func outcome(_ code: CURLcode) -> Outcome {
        if exceededLimit || code == CURLE_FILESIZE_EXCEEDED {
            return .failure(.tooLarge(job.limits.maxResponseBytes))
        }
        guard code == CURLE_OK else {
            return .failure(TransportError(curlCode: code, detail: handle.message(for: code)))
        }
        return .success(HTTPResponse(status: handle.responseCode, lowercasedHeaders: headers, body: body))
    }

    /// Hands the outcome to the waiting task. Called once, by the loop, after the handle has
    /// left the multi handle.
    func resume(with outcome: Outcome) {
        continuation.resume(returning: outcome)
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let total = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return Int(min(max(total, 1), Double(Int32.max)))
    }
}

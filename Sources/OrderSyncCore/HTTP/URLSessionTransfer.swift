#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Foundation

/// The state of one `URLSessionTransport` attempt: the body collected so far and the one
/// continuation that receives the outcome.
///
/// Several parties race to finish an attempt (the delegate's completion, the body limit, the
/// deadline timer, task cancellation); the first one wins and the others are ignored, so the
/// continuation is resumed exactly once.
final class URLSessionTransfer: Sendable {
    typealias Outcome = Result<HTTPResponse, TransportError>

    private struct State {
        var response: HTTPURLResponse?
        var body: [UInt8] = []
        var outcome: Outcome?
        var continuation: CheckedContinuation<Outcome, Never>?
    }

    private let state = LockedBox(State())
    private let maxResponseBytes: Int
    private let isTLS: Bool

    init(maxResponseBytes: Int, isTLS: Bool) {
        self.maxResponseBytes = maxResponseBytes
        self.isTLS = isTLS
    }

    /// Hands over the continuation; returns `false` (after resuming it) when the transfer was
    /// already finished, e.g. cancelled before it could start.
    func attach(_ continuation: CheckedContinuation<Outcome, Never>) -> Bool {
        let finished: Outcome? = state.withValue { state in
            if let outcome = state.outcome { return outcome }
            state.continuation = continuation
            return nil
        }
        guard let finished else { return true }
        continuation.resume(returning: finished)
        return false
    }

    /// Records the outcome unless another party got there first.
    func finish(_ outcome: Outcome) {
        let continuation: CheckedContinuation<Outcome, Never>? = state.withValue { state in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: outcome)
    }

    /// Takes the response head; returns `false` when its `Content-Length` already exceeds the
    /// limit, so the caller cancels before any of the body is read.
    func receive(_ response: URLResponse) -> Bool {
        let http = response as? HTTPURLResponse
        state.withValue { $0.response = http }
        guard response.expectedContentLength <= Int64(maxResponseBytes) else {
            finish(.failure(.tooLarge(maxResponseBytes)))
            return false
        }
        return true
    }

    /// Appends body bytes; returns `false` once the body exceeds the limit.
    func append(_ data: Data) -> Bool {
        let tooLarge: Bool = state.withValue { state in
            guard state.outcome == nil else { return false }
            guard state.body.count + data.count <= maxResponseBytes else { return true }
            state.body.append(contentsOf: data)
            return false
        }
        if tooLarge {
            finish(.failure(.tooLarge(maxResponseBytes)))
        }
        return !tooLarge
    }

    /// The task completed, with or without an error.
    func complete(error: Error?) {
        if let error {
            finish(.failure(Self.transportError(for: error, isTLS: isTLS)))
            return
        }
        let (response, body) = state.withValue { ($0.response, $0.body) }
        guard let response else {
            finish(.failure(.other("the server's reply was not an HTTP response")))
            return
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            headers["\(name)".lowercased()] = "\(value)"
        }
        finish(.success(HTTPResponse(status: response.statusCode, headers: headers, body: body)))
    }

    /// Maps a FoundationNetworking error onto the transport's vocabulary.
    static func transportError(for error: Error, isTLS: Bool) -> TransportError {
        let nsError = error as NSError
        let detail = nsError.localizedDescription
        guard nsError.domain == NSURLErrorDomain else {
            return .other(detail)
        }
        switch nsError.code {
        case NSURLErrorTimedOut:
            return .timedOut
        case NSURLErrorCancelled:
            return .cancelled
        case NSURLErrorCannotConnectToHost, NSURLErrorNetworkConnectionLost, NSURLErrorCannotFindHost,
            NSURLErrorDNSLookupFailed, NSURLErrorNotConnectedToInternet, NSURLErrorBadServerResponse,
            NSURLErrorCannotParseResponse, NSURLErrorResourceUnavailable, NSURLErrorZeroByteResource,
            NSURLErrorCannotDecodeRawData, NSURLErrorCannotDecodeContentData:
            return .connectionFailed(detail)
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateHasBadDate,
            NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasUnknownRoot,
            NSURLErrorServerCertificateNotYetValid, NSURLErrorClientCertificateRejected,
            NSURLErrorClientCertificateRequired:
            return .tls(detail)
        case NSURLErrorUnknown:
            return classifyGeneric(detail, isTLS: isTLS)
        default:
            return .other(detail)
        }
    }

    /// FoundationNetworking reports most libcurl failures as the generic code with libcurl's
    /// message as the description: TLS handshake and certificate failures, but also a body
    /// cut short ("transfer closed with 90 bytes remaining to read") or a reset mid-transfer.
    /// Only the text tells them apart; whatever is not clearly TLS counts as a broken
    /// connection, which is worth a (bounded) retry.
    static func classifyGeneric(_ detail: String, isTLS: Bool) -> TransportError {
        let text = detail.lowercased()
        let brokenTransfer = ["ssl_read", "ssl_write", "unexpected eof", "connection reset", "remaining to read"]
        if isTLS, !brokenTransfer.contains(where: text.contains),
            ["ssl", "tls", "certificate", "handshake"].contains(where: text.contains)
        {
            return .tls(detail)
        }
        return .connectionFailed(detail)
    }
}

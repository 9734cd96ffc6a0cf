import FoundationEssentials

/// One attempt as the loop thread needs it: copied out of the `TransportRequest` on the caller's
/// side, so the loop thread touches plain values only.
///
/// A class for its identity: a cancellation names the job it cancels, and holding the job
/// keeps its address from being reused by a later one while the cancellation is queued.
final class CurlJob: Sendable {
    /// The absolute URL, already percent-encoded.
    let url: String
    let method: String
    /// `Name: value` lines, ready for libcurl's header list.
    let headerLines: [String]
    let body: [UInt8]?
    let limits: TransportLimits

    init(url: String, method: String, headerLines: [String], body: [UInt8]?, limits: TransportLimits) {
        self.url = url
        self.method = method
        self.headerLines = headerLines
        self.body = body
        self.limits = limits
    }

    /// Copies what libcurl needs out of `request`; refuses what it cannot send faithfully.
    convenience init(_ request: TransportRequest, limits: TransportLimits) throws(TransportError) {
        let url = request.urlString
        guard !url.isEmpty else {
            throw .other("the request has no URL")
        }
        var lines: [String] = []
        lines.reserveCapacity(request.headerFields.count + 1)
        for (name, value) in request.headerFields {
            // libcurl sends header lines verbatim: a line break would smuggle in another header.
            // The value is not printed, it may be a credential.
            guard Self.isSingleLine(name), Self.isSingleLine(value), !name.isEmpty else {
                throw .other("request header \"\(name.filter { !$0.isNewline })\" contains a line break; not sent")
            }
            // `Name:` alone would make libcurl drop the header; `Name;` sends it empty.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        // No `Expect: 100-continue` round trip before a request body.
        lines.append("Expect:")
        self.init(
            url: url, method: request.httpMethod ?? "GET", headerLines: lines,
            body: request.httpBody.map { [UInt8]($0) }, limits: limits
        )
    }

    /// No line break of any kind; printable ASCII, the usual case, is settled byte by byte
    /// without breaking the text into characters.
    private static func isSingleLine(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x09 }) { return true }
        return !text.contains(where: \.isNewline)
    }
}

import CCurl
import PlatformSupport

/// One libcurl easy handle and its error buffer, reused from transfer to transfer.
///
/// Not `Sendable`: created, used and freed on the transport's loop thread only.
final class CurlEasyHandle {
    /// `CURL *`.
    let raw: UnsafeMutableRawPointer
    /// Where libcurl writes the detailed message of a failure (`CURLOPT_ERRORBUFFER`).
    let errorBuffer: UnsafeMutablePointer<CChar>

    init?() {
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Clears every option for the next transfer; the multi handle keeps the connections.
    func reset() {
        curl_easy_reset(raw)
        errorBuffer[0] = 0
    }

    /// libcurl's message for the last failure: the error buffer, or the code's generic text.
    func message(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer).trimmingWhitespace()
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    func set(_ option: CURLoption, _ value: Int) -> CURLcode {
        ccurl_easy_setopt_long(raw, option, value)
    }

    func set(_ option: CURLoption, _ value: String) -> CURLcode {
        value.withCString { ccurl_easy_setopt_string(raw, option, $0) }  // libcurl copies strings
    }

    func set(_ option: CURLoption, offset value: Int64) -> CURLcode {
        ccurl_easy_setopt_off_t(raw, option, curl_off_t(value))
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) -> CURLcode {
        ccurl_easy_setopt_pointer(raw, option, value)
    }

    func set(_ option: CURLoption, callback value: curl_write_callback) -> CURLcode {
        ccurl_easy_setopt_write_callback(raw, option, value)
    }

    /// The status code of the last response received (0 when none was).
    var responseCode: Int {
        var code = 0
        _ = ccurl_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
        return code
    }
}

import CCurl

extension TransportError {
    /// Maps a libcurl result onto the transport's vocabulary; `detail` is libcurl's message.
    ///
    /// Whatever breaks a connection or a response on the way (refused, reset, DNS, a body cut
    /// short, a garbled reply) is `connectionFailed`, worth a bounded retry; certificate and
    /// handshake failures are `tls`, which retrying does not fix.
    init(curlCode code: CURLcode, detail: String) {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            self = .timedOut
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
            CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
            CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3,
            CURLE_BAD_CONTENT_ENCODING, CURLE_AGAIN, CURLE_READ_ERROR:
            self = .connectionFailed(detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED:
            self = .tls(detail)
        case CURLE_FILESIZE_EXCEEDED:
            self = .other(detail)  // the transfer reports this as `tooLarge` with its limit
        default:
            self = .other("libcurl error \(code.rawValue): \(detail)")
        }
    }
}

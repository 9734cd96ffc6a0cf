import Glibc

/// Whole writes to stdout and stderr through `write(2)`, retried after a signal or a partial
/// write. A closed stream is reported, never a crash (SIGPIPE is ignored in the daemon).
/// Foundation's `FileHandle` would link all of Foundation into the daemon for this.
public enum StandardStreams {
    /// Writes all of `text` to `descriptor`; false when the stream is closed or broken.
    @discardableResult
    public static func write(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole small file with the C library, so a failure carries the errno text an operator
/// knows ("No such file or directory", "Permission denied") rather than a Foundation wrapper.
enum FileBytes {
    /// Configuration and secret files are small; the cap stops a mistaken `/dev/zero` or log file.
    static let maximumSize = 16 << 20

    struct Failure: Error {
        /// The errno value, or 0 for a failure that is not a system call's.
        let code: Int32
        let reason: String

        init(code: Int32) {
            self.code = code
            self.reason = String(cString: strerror(code))
        }

        init(reason: String) {
            self.code = 0
            self.reason = reason
        }
    }

    static func read(atPath path: String) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Failure(code: errno)) }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(code: errno))
            }
            if count == 0 { return .success(contents) }
            contents.append(contentsOf: chunk[0..<count])
            if contents.count > maximumSize {
                return .failure(Failure(reason: "larger than \(maximumSize >> 20) MiB"))
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ZoneRules {
    /// `$TZDIR` when set and not empty (as the C library reads it), else `/usr/share/zoneinfo`.
    static var systemDirectory: String {
        if let value = getenv("TZDIR"), value.pointee != 0 { return String(cString: value) }
        return "/usr/share/zoneinfo"
    }

    /// Whether `name` could be an IANA zone name. The name comes from a config file and becomes
    /// a path: refusing everything else keeps it inside the zone directory.
    static func isPlausibleName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 255, !name.hasPrefix("/"), !name.contains("..") else { return false }
        // In the directory but not zones: leap-second variants (`right/` would put every
        // transition some 27 s late), the POSIX copies, the host's own setting, placeholders.
        guard !["right/", "posix/"].contains(where: name.hasPrefix),
              !["localtime", "posixrules", "Factory"].contains(name) else { return false }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "_"),
                 UInt8(ascii: "+"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }

    /// TZif files are a few kilobytes; anything larger is not one.
    static let maximumFileSize = 1 << 20

    /// The bytes of the file at `path` with plain system calls (no Foundation); nil when it
    /// cannot be read (missing, a directory, larger than `maximumFileSize`).
    static func readFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > maximumFileSize { return nil }
        }
    }
}

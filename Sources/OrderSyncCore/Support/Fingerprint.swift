/// A 64-bit FNV-1a digest, as 16 hex digits: cheap change detection for list items and
/// rejected records. Not a security boundary, only "did this text change".
public enum Fingerprint {
    public static func of(_ text: String) -> String {
        var digest = FNV1a()
        digest.append(text)
        return digest.hex
    }

    /// The digest of `prefix` followed by the compact text of `value`: the same as
    /// `of(prefix + value.serialized)`, without building that text.
    static func of(_ prefix: String = "", serializing value: JSONValue) -> String {
        var digest = FNV1a()
        digest.append(prefix)
        value.write(to: &digest)
        return digest.hex
    }
}

/// FNV-1a over bytes as they are appended.
struct FNV1a: JSONByteSink {
    private(set) var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func append(_ byte: UInt8) {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        var hash = hash
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        self.hash = hash
    }

    /// 16 lower-case hex digits.
    var hex: String {
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

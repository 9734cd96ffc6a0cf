/// Text decoded one way (JSON escapes, percent-encoding), each byte remembering the range of the
/// original text it was decoded from, so a secret found in the decoded bytes can be cut out of
/// the original. Views decode views: the origins always point into the original text.
struct RedactionView {
    let bytes: [UInt8]
    /// `starts[i]..<ends[i]` is where `bytes[i]` came from in the original.
    private let starts: [Int]
    private let ends: [Int]

    /// The original text itself.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        starts = Array(bytes.indices)
        ends = bytes.indices.map { $0 + 1 }
    }

    private init(bytes: [UInt8], starts: [Int], ends: [Int]) {
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
    }

    /// Where each occurrence of `needle` lies in the original text.
    func originalRanges(of needle: [UInt8]) -> [Range<Int>] {
        guard let first = needle.first, needle.count <= bytes.count else { return [] }
        var ranges: [Range<Int>] = []
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) {
                ranges.append(starts[index]..<ends[index + needle.count - 1])
                index += needle.count
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// JSON string escapes decoded: `\"`, `\\`, `\/`, `\b\f\n\r\t` and `\uXXXX` (surrogate pairs
    /// joined); anything else is kept as it is.
    func jsonUnescaped() -> RedactionView {
        var builder = Builder(capacity: bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                builder.append(bytes[index], from: starts[index], to: ends[index])
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if let simple = Self.simpleEscapes[next] {
                builder.append(simple, from: starts[index], to: ends[index + 1])
                index += 2
            } else if next == UInt8(ascii: "u"), let (scalar, length) = unicodeEscape(at: index) {
                for byte in String(Character(scalar)).utf8 {
                    builder.append(byte, from: starts[index], to: ends[index + length - 1])
                }
                index += length
            } else {
                builder.append(bytes[index], from: starts[index], to: ends[index])
                index += 1
            }
        }
        return builder.view
    }

    /// `%XX` (either case) decoded to its byte and `+` to a space; anything else kept.
    func percentDecoded() -> RedactionView {
        var builder = Builder(capacity: bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = Self.hexValue(bytes[index + 1]), let low = Self.hexValue(bytes[index + 2])
            {
                builder.append(high << 4 | low, from: starts[index], to: ends[index + 2])
                index += 3
            } else if bytes[index] == UInt8(ascii: "+") {
                builder.append(UInt8(ascii: " "), from: starts[index], to: ends[index])
                index += 1
            } else {
                builder.append(bytes[index], from: starts[index], to: ends[index])
                index += 1
            }
        }
        return builder.view
    }

    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "/"): UInt8(ascii: "/"),
        UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D,
        UInt8(ascii: "t"): 0x09,
    ]

    /// The scalar of `\uXXXX` (or a `\uD8xx\uDCxx` pair) at `index`, and how many bytes it spans.
    private func unicodeEscape(at index: Int) -> (Unicode.Scalar, Int)? {
        guard let high = hex4(at: index + 2) else { return nil }
        if (0xD800..<0xDC00).contains(high) {
            guard index + 11 < bytes.count, bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
                  let low = hex4(at: index + 8), (0xDC00..<0xE000).contains(low),
                  let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            else { return nil }
            return (scalar, 12)
        }
        guard let scalar = Unicode.Scalar(high) else { return nil }
        return (scalar, 6)
    }

    private func hex4(at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Self.hexValue(byte) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private struct Builder {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var ends: [Int] = []

        init(capacity: Int) {
            bytes.reserveCapacity(capacity)
            starts.reserveCapacity(capacity)
            ends.reserveCapacity(capacity)
        }

        mutating func append(_ byte: UInt8, from start: Int, to end: Int) {
            bytes.append(byte)
            starts.append(start)
            ends.append(end)
        }

        var view: RedactionView { RedactionView(bytes: bytes, starts: starts, ends: ends) }
    }
}

extension JSONValue {
    /// Compact JSON text. Numbers are written back as the literal text they were parsed from.
    public var serialized: String {
        var output: [UInt8] = []
        // Most callers serialise a whole order (about 1.5 KB for erp): one allocation, not four.
        output.reserveCapacity(1024)
        write(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes the compact text into `sink`: a byte buffer, or a digest that never holds the
    /// text (a record's fingerprint is taken once per order, and building the string for it
    /// only to hash and drop it was a third of serialising's cost).
    func write<Sink: JSONByteSink>(to sink: inout Sink) {
        switch self {
        case .null: sink.append("null")
        case .bool(let flag): sink.append(flag ? "true" : "false")
        case .number(let literal): sink.append(literal)
        case .string(let text): Self.writeString(text, to: &sink)
        case .array(let elements):
            sink.append(UInt8(ascii: "["))
            for position in elements.indices {
                if position > 0 { sink.append(UInt8(ascii: ",")) }
                elements[position].write(to: &sink)
            }
            sink.append(UInt8(ascii: "]"))
        case .object(let object):
            sink.append(UInt8(ascii: "{"))
            let members = object.members
            for position in members.indices {
                if position > 0 { sink.append(UInt8(ascii: ",")) }
                Self.writeString(members[position].key, to: &sink)
                sink.append(UInt8(ascii: ":"))
                members[position].value.write(to: &sink)
            }
            sink.append(UInt8(ascii: "}"))
        }
    }

    /// A quoted string: runs without anything to escape are copied whole.
    static func writeString<Sink: JSONByteSink>(_ text: String, to sink: inout Sink) {
        sink.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for position in 0..<bytes.count {
                let byte = bytes[position]
                guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 else { continue }
                sink.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                runStart = position + 1
                sink.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): sink.append(byte)
                case 0x0A: sink.append(UInt8(ascii: "n"))
                case 0x0D: sink.append(UInt8(ascii: "r"))
                case 0x09: sink.append(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    sink.append("u00")
                    sink.append(hex.utf8Start[Int(byte >> 4)])
                    sink.append(hex.utf8Start[Int(byte & 0x0F)])
                }
            }
            sink.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        sink.append(UInt8(ascii: "\""))
    }
}

/// Where `JSONValue.write(to:)` puts its bytes.
protocol JSONByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension JSONByteSink {
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    mutating func append(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}

extension Array: JSONByteSink where Element == UInt8 {}

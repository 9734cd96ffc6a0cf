extension ZoneRules.Table {
    /// Reads a TZif file, versions 1 to 4 (RFC 8536). Every count and index is checked against
    /// the bytes present: a truncated or hostile file gives nil, never a trap.
    init?(tzif bytes: [UInt8]) {
        var reader = TZifReader(bytes: bytes)
        guard let first = reader.readHeader() else { return nil }
        var header = first
        var timeSize = 4
        if first.version >= 2 {
            // Version 2+ repeats the data with 64-bit times (the 32-bit block ends in 2038):
            // skip the first block, read the second and the footer after it.
            guard reader.skip(first.blockLength(timeSize: 4)), let second = reader.readHeader() else { return nil }
            header = second
            timeSize = 8
        }
        guard header.isValid, let times = reader.readTimes(count: header.timeCount, size: timeSize),
              let typeIndices = reader.readBytes(header.timeCount),
              let types = reader.readTypes(count: header.typeCount),
              reader.skip(header.blockLength(timeSize: timeSize) - header.timeCount * (timeSize + 1) - header.typeCount * 6)
        else { return nil }

        var footer: ZoneRules.POSIXRule?
        if header.version >= 2 {
            guard let text = reader.readFooter() else { return nil }
            // An empty footer means no rule: the last offset stays (RFC 8536 section 3.3).
            if !text.isEmpty {
                guard let rule = ZoneRules.POSIXRule(text) else { return nil }
                footer = rule
            }
        }

        // Before the first transition the first time type applies (RFC 8536 section 3.2).
        initialOffset = types[0]
        transitions = []
        offsets = []
        var current = initialOffset
        var previous: Int64?
        for (time, typeIndex) in zip(times, typeIndices) {
            // Transition times ascend strictly; a table that does not is not one we can search.
            if let previous, time <= previous { return nil }
            guard Int(typeIndex) < types.count else { return nil }
            previous = time
            let offset = types[Int(typeIndex)]
            if offset != current {
                transitions.append(time)
                offsets.append(offset)
                current = offset
            }
        }
        self.footer = footer
        footerStart = times.last ?? .min
    }
}

/// The header of one TZif data block.
private struct TZifHeader {
    var version: Int
    var utLocalCount: Int
    var standardWallCount: Int
    var leapCount: Int
    var timeCount: Int
    var typeCount: Int
    var characterCount: Int

    /// RFC 8536: at least one type and one designation byte; indicator counts are 0 or typecnt.
    /// Checked only for the block read (a version 2+ file may leave its 32-bit block empty).
    var isValid: Bool {
        typeCount >= 1 && characterCount >= 1 && (utLocalCount == 0 || utLocalCount == typeCount)
            && (standardWallCount == 0 || standardWallCount == typeCount)
    }

    /// The length of the data block after this header.
    func blockLength(timeSize: Int) -> Int {
        timeCount * (timeSize + 1) + typeCount * 6 + characterCount + leapCount * (timeSize + 4)
            + standardWallCount + utLocalCount
    }
}

/// A bounds-checked cursor over the bytes of a TZif file.
private struct TZifReader {
    let bytes: [UInt8]
    var index = 0

    /// `TZif`, a version byte (NUL, `2`, `3`, `4`), 15 unused bytes, six big-endian counts.
    mutating func readHeader() -> TZifHeader? {
        guard let magic = readBytes(4), magic == Array("TZif".utf8), let version = readBytes(1), skip(15)
        else { return nil }
        var counts: [Int] = []
        for _ in 0..<6 {
            guard let count = readInteger(size: 4) else { return nil }
            // Counts are unsigned, and far larger than any real file: refuse early.
            guard count >= 0, count <= bytes.count else { return nil }
            counts.append(Int(count))
        }
        let versionNumber: Int
        switch version[0] {
        case 0: versionNumber = 1
        case UInt8(ascii: "2")...UInt8(ascii: "9"): versionNumber = Int(version[0] - UInt8(ascii: "0"))
        default: return nil
        }
        return TZifHeader(
            version: versionNumber, utLocalCount: counts[0], standardWallCount: counts[1], leapCount: counts[2],
            timeCount: counts[3], typeCount: counts[4], characterCount: counts[5])
    }

    mutating func readTimes(count: Int, size: Int) -> [Int64]? {
        guard bytes.count - index >= count * size else { return nil }
        var times: [Int64] = []
        times.reserveCapacity(count)
        for _ in 0..<count {
            guard let time = readInteger(size: size) else { return nil }
            times.append(time)
        }
        return times
    }

    /// Each local time type: `utoff` (signed 32-bit), `isdst`, the designation index; the
    /// offset is all ordersync needs.
    mutating func readTypes(count: Int) -> [Int]? {
        guard bytes.count - index >= count * 6 else { return nil }
        var offsets: [Int] = []
        for _ in 0..<count {
            // RFC 8536 forbids -2^31; real offsets are well within a day or so.
            guard let offset = readInteger(size: 4), abs(offset) < 7 * 86_400, skip(2) else { return nil }
            offsets.append(Int(offset))
        }
        return offsets
    }

    /// The footer: a POSIX TZ string between two newlines.
    mutating func readFooter() -> String? {
        guard readBytes(1) == [UInt8(ascii: "\n")] else { return nil }
        guard let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let text = String(decoding: bytes[index..<end], as: UTF8.self)
        index = end + 1
        return text
    }

    mutating func readBytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, bytes.count - index >= count else { return nil }
        defer { index += count }
        return Array(bytes[index..<index + count])
    }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, bytes.count - index >= count else { return false }
        index += count
        return true
    }

    /// A big-endian two's complement integer of `size` bytes (4 or 8).
    private mutating func readInteger(size: Int) -> Int64? {
        guard bytes.count - index >= size else { return nil }
        var value: UInt64 = 0
        for offset in 0..<size { value = value << 8 | UInt64(bytes[index + offset]) }
        index += size
        // Sign-extend 32-bit values.
        let shift = UInt64(64 - size * 8)
        return Int64(bitPattern: value << shift) >> Int64(shift)
    }
}

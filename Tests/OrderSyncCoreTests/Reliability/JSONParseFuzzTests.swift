import Testing

@testable import OrderSyncCore

/// Upstream bodies are untrusted bytes: whatever arrives, `JSONValue.parse` returns a value or
/// throws `JSONParseError`; it never traps, and what it accepts serializes back to JSON it
/// accepts again (the `raw` column must always hold a parseable copy).
@Suite("Reliability: JSON parser fuzz")
struct JSONParseFuzzTests {
    static let documents = [
        #"{"items":[{"id":"350","ref":"CO2405-0018","total_incl_tax":"6000.00","lines":[{"quantity":"50.00"}]}],"pagination":{"page":1,"total_pages":1}}"#,
        #"[{"id":123,"created_at":20200101095500,"cancelled_at":"","net":17.98,"gross":19.58,"status":700}]"#,
        #"{"success":true,"data":[{"id":3,"total":"300.00","currency_symbol":"€","billing":{"first_name":"Jöhn"}}]}"#,
        #"{"a":[1,-2.5e+10,true,false,null,"\u00e9\ud83d\ude00\n\t\\\"",{}],"b":{"c":[[[]]]}}"#,
        "  \n [ 0 , 1E3 , -0.0 , \"x\" ] \r\n",
    ]

    /// Structural characters: inserting them is what breaks a parser's bookkeeping.
    static let structural: [UInt8] = Array(#"{}[]",:\0123456789-+.eE tfn"#.utf8) + [0x00, 0x0A, 0xC3, 0xFF, 0xED]

    @Test func randomBytesNeverTrap() {
        var random = FuzzRandom(seed: 0x0D0C_5EED)
        var accepted = 0
        for _ in 0..<3_000 {
            let length = random.below(48)
            // Half the inputs drawn from structural characters only, so they get past the first byte.
            let bytes = random.chance(50)
                ? random.bytes(count: length)
                : (0..<length).map { _ in random.pick(Self.structural) }
            if checkRoundTrip(bytes) { accepted += 1 }
        }
        // Mostly garbage is refused; the point is that nothing above trapped.
        #expect(accepted < 3_000)
    }

    @Test func mutatedDocumentsNeverTrap() {
        var random = FuzzRandom(seed: 0xBADC_0FFE)
        var refused = 0
        for iteration in 0..<4_000 {
            var bytes = Array(random.pick(Self.documents).utf8)
            for _ in 0...random.below(4) {
                mutate(&bytes, using: &random)
            }
            if !checkRoundTrip(bytes, label: "iteration \(iteration)") { refused += 1 }
        }
        #expect(refused > 0)
    }

    @Test func deepNestingIsRefusedNotOverflowed() {
        for opener in ["[", "{\"a\":", "[{\"k\":["] {
            let deep = String(repeating: opener, count: 20_000)
            #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
        }
        // Balanced but too deep: still an error, not a stack overflow.
        let balanced = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(balanced) }
        // Moderate nesting is fine.
        let moderate = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONValue.parse(moderate) }
    }

    @Test func everyPrefixOfAValidDocumentIsHandled() {
        for document in Self.documents {
            let bytes = Array(document.utf8)
            for end in 0..<bytes.count {
                checkRoundTrip(Array(bytes[..<end]))
            }
        }
    }

    // MARK: Helpers

    /// Parses `bytes`; when accepted, the serialization must parse to the same value.
    @discardableResult
    private func checkRoundTrip(_ bytes: [UInt8], label: String = "") -> Bool {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count, "\(label): offset \(error.offset) outside the input")
            return false
        }
        let again = try? JSONValue.parse(value.serialized)
        #expect(again == value, "\(label): accepted \(bytes) but its serialization \(value.serialized) does not read back")
        return true
    }

    private func mutate(_ bytes: inout [UInt8], using random: inout FuzzRandom) {
        guard !bytes.isEmpty else {
            bytes.append(random.pick(Self.structural))
            return
        }
        let index = random.below(bytes.count)
        switch random.below(6) {
        case 0: bytes[index] ^= UInt8(1) << UInt8(random.below(8))
        case 1: bytes.removeSubrange(index...)
        case 2: bytes.insert(random.pick(Self.structural), at: index)
        case 3: bytes.remove(at: index)
        case 4:
            // Wrap a run in extra brackets (deep or unbalanced nesting).
            let depth = 1 + random.below(300)
            bytes.insert(contentsOf: Array(repeating: UInt8(ascii: "["), count: depth), at: index)
            if random.chance(50) { bytes.append(contentsOf: Array(repeating: UInt8(ascii: "]"), count: depth)) }
        default:
            let other = random.below(bytes.count)
            bytes.swapAt(index, other)
        }
    }
}

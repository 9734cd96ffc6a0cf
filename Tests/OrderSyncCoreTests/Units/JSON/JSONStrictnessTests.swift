import Testing

@testable import OrderSyncCore

/// The parser refuses everything RFC 8259 does not allow, and says at which byte.
struct JSONStrictnessTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var offset: Int
        var testDescription: String { text.debugDescription }
    }

    @Test(arguments: [
        Case(text: "[1,]", offset: 3),                // trailing comma in an array
        Case(text: #"{"a":1,}"#, offset: 7),          // trailing comma in an object
        Case(text: "{'a':1}", offset: 1),             // single-quoted name
        Case(text: "['a']", offset: 1),               // single-quoted string
        Case(text: "01", offset: 1),                  // leading zero
        Case(text: "[01]", offset: 2),
        Case(text: "-01", offset: 2),
        Case(text: ".5", offset: 0),                  // bare fraction
        Case(text: "-.5", offset: 1),
        Case(text: "1.", offset: 2),
        Case(text: "1e", offset: 2),
        Case(text: "+1", offset: 0),
        Case(text: "\"abc", offset: 4),               // unterminated string
        Case(text: #"["a\"]"#, offset: 6),            // unterminated after an escape
        Case(text: "\"a\nb\"", offset: 2),            // raw control character
        Case(text: "\"a\\n\tb\"", offset: 4),         // raw tab after an escape (slow path)
        Case(text: "{} x", offset: 3),                // trailing garbage
        Case(text: "[1] [2]", offset: 4),
        Case(text: "", offset: 0),
        Case(text: "   ", offset: 3),
        Case(text: "nul", offset: 0),
        Case(text: "nulx", offset: 0),
        Case(text: "True", offset: 0),
        Case(text: "NaN", offset: 0),
        Case(text: #"{"a" 1}"#, offset: 5),
        Case(text: #"{"a":1 "b":2}"#, offset: 7),
        Case(text: "[1 2]", offset: 3),
        Case(text: "{", offset: 1),
    ])
    func refusedWithTheByteOffset(_ testCase: Case) {
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(testCase.text) }
        #expect(error?.offset == testCase.offset)
        #expect(error?.description.hasPrefix("invalid JSON at byte \(testCase.offset): ") == true)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = JSONParser.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONValue.parse(text)
        var levels = 0
        while case .array(let inner) = value, let first = inner.first {
            value = first
            levels += 1
        }
        #expect(levels == depth - 1)
        #expect(value == .array([]))
    }

    @Test func nestingDeeperThan256IsRefused() {
        let text = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        #expect(error?.offset == 256)
        #expect(error?.reason.contains("nesting") == true)
        let objects = String(repeating: #"{"a":"#, count: 300) + "1" + String(repeating: "}", count: 300)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(objects) }
    }

    @Test func hostileDepthDoesNotCrash() {
        // Far beyond any stack: refused at the limit, not by a stack overflow.
        let text = String(repeating: "[", count: 1_000_000)
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        #expect(error?.offset == 256)
    }

    /// RFC 8259 §8.1: JSON text is UTF-8. Replacing bad bytes with U+FFFD would also make `raw`
    /// differ from what was received.
    @Test(arguments: [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] as [[UInt8]])
    func invalidUTF8IsRefused(bytes: [UInt8]) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes) }
    }
}

import Testing

@testable import OrderSyncCore

/// What the parser keeps of a document: literal numbers, member order, decoded escapes.
struct JSONValueParseTests {
    @Test(arguments: ["17.98", "-0.5", "1e3", "12345678901234567890.123", "0", "-0", "1.5E-1", "2e+10"])
    func numbersKeepTheirLiteralText(literal: String) throws {
        #expect(try JSONValue.parse(literal) == .number(literal))
        let inArray = try JSONValue.parse("[\(literal)]")
        #expect(inArray == .array([.number(literal)]))
        #expect(inArray.serialized == "[\(literal)]")
    }

    @Test func objectMembersKeepTheirOrder() throws {
        let value = try JSONValue.parse(#"{"zeta": 1, "alpha": 2, "mid": {"b": true, "a": null}}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["zeta", "alpha", "mid"])
        #expect(value["mid"]?.objectValue?.keys == ["b", "a"])
        #expect(value.serialized == #"{"zeta":1,"alpha":2,"mid":{"b":true,"a":null}}"#)
    }

    @Test func scalarsAndAccessors() throws {
        let value = try JSONValue.parse(#" { "s": "text", "n": 42, "t": true, "f": false, "z": null, "a": [1, "2"] } "#)
        #expect(value["s"] == .string("text"))
        #expect(value["s"]?.stringValue == "text")
        #expect(value["n"]?.scalarText == "42")
        #expect(value["n"]?.stringValue == nil)
        #expect(value["t"] == .bool(true))
        #expect(value["f"] == .bool(false))
        #expect(value["z"]?.isNull == true)
        #expect(value["a"]?.arrayValue == [.number("1"), .string("2")])
        #expect(value["missing"] == nil)
        #expect(value["a"]?["s"] == nil)
        #expect(value["t"]?.scalarText == nil)
    }

    @Test func escapesAreDecoded() throws {
        #expect(try JSONValue.parse(#""caf\u00e9""#) == .string("café"))
        #expect(try JSONValue.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONValue.parse(#""\uD83D\uDE00 ok""#) == .string("😀 ok"))
        #expect(try JSONValue.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        #expect(try JSONValue.parse(#""\u0000""#) == .string("\u{0}"))
        // Raw UTF-8 passes through untouched, escaped or not in the same string.
        #expect(try JSONValue.parse(#""Zürich \u00e9 €""#) == .string("Zürich é €"))
    }

    @Test(arguments: [#""\ud83d""#, #""\ud83d x""#, #""\ude00""#, #""\ud83d\u0041""#, #""\u12""#, #""\uzzzz""#, #""\x""#])
    func badEscapesAreRefused(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func parsesBytesAsWellAsText() throws {
        let bytes: [UInt8] = Array(#"{"id": "350"}"#.utf8)
        #expect(try JSONValue.parse(bytes) == JSONValue.parse(#"{"id":"350"}"#))
        #expect(try JSONValue.parse(bytes[...]) == .object(JSONObject(["id": .string("350")])))
    }

    @Test func emptyContainers() throws {
        #expect(try JSONValue.parse("{}") == .object(JSONObject()))
        #expect(try JSONValue.parse("[ ]") == .array([]))
        #expect(try JSONValue.parse(#"{"a":{},"b":[]}"#).serialized == #"{"a":{},"b":[]}"#)
    }

    @Test func kindNamesForMessages() {
        #expect(JSONValue.null.kindName == "null")
        #expect(JSONValue.bool(true).kindName == "a boolean")
        #expect(JSONValue.number("1").kindName == "a number")
        #expect(JSONValue.string("").kindName == "a string")
        #expect(JSONValue.array([]).kindName == "an array")
        #expect(JSONValue.object(JSONObject()).kindName == "an object")
    }
}

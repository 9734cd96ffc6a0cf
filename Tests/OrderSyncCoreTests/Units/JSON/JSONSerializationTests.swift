import Testing

@testable import OrderSyncCore

/// `serialized` writes compact JSON that parses back to the same value, and `merging` lays a
/// detail over a list item the way a stored `raw` expects.
struct JSONSerializationTests {
    static let documents = [
        #"{"id":"350","amount":17.98,"neg":-0.5,"exp":1e3,"big":12345678901234567890.123}"#,
        #"[null,true,false,"",[],{},[[1]],{"a":{"b":{"c":[0.1]}}}]"#,
        #"{"text":"café 😀 \"quoted\" back\\slash\nline\ttab\u0001 /"}"#,
        #"{"dup":1,"dup":2}"#,
        #""just a string""#,
        "-0",
    ]

    @Test(arguments: documents)
    func roundTripIsLossless(text: String) throws {
        let first = try JSONValue.parse(text)
        let second = try JSONValue.parse(first.serialized)
        #expect(second == first)
        // Serializing is stable: the second pass writes the same bytes.
        #expect(second.serialized == first.serialized)
    }

    /// A stored `list_digest` is the fingerprint of the item's text: digesting the value as it
    /// is written must give the same 16 digits, or every order would look changed after an
    /// upgrade and be fetched again.
    @Test(arguments: documents)
    func fingerprintOfAValueIsTheFingerprintOfItsText(text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(Fingerprint.of("lifecycle\u{1F}", serializing: value) == Fingerprint.of("lifecycle\u{1F}" + value.serialized))
        #expect(Fingerprint.of(serializing: value) == Fingerprint.of(value.serialized))
    }

    /// Pinned values: a stored `list_digest` from any earlier release must match the same item
    /// read again, or every order would look changed and be fetched anew.
    @Test func fingerprintsArePinned() throws {
        #expect(Fingerprint.of("") == "cbf29ce484222325")
        let item = try JSONValue.parse(#"{"id": 350, "status": "validated", "total": "17.98", "note": "a\"b"}"#)
        #expect(Fingerprint.of("erp\u{1F}", serializing: item) == Fingerprint.of("erp\u{1F}" + #"{"id":350,"status":"validated","total":"17.98","note":"a\"b"}"#))
        #expect(Fingerprint.of(serializing: try JSONValue.parse(#"{ "id" : 350 }"#)) == Self.pinnedItemDigest)
    }

    /// FNV-1a 64 of `{"id":350}`, computed independently (Python: a loop over the bytes).
    static let pinnedItemDigest = "5ec685b448abae4e"

    @Test func invalidUTF8InAStringIsRefusedWithoutAnEscape() throws {
        #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0x61, 0xFF, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0xC3, 0x22]) }
        #expect(try JSONValue.parse([0x22, 0xC3, 0xA9, 0x22] as [UInt8]) == .string("é"))
    }

    /// Bytes that are not one contiguous buffer are parsed all the same.
    @Test func aNonContiguousCollectionParses() throws {
        let bytes = Array(#"{"a":[1,"b"]}"#.utf8).lazy.map { $0 }
        #expect(try JSONValue.parse(bytes) == .object(JSONObject(["a": .array([.number("1"), .string("b")])])))
    }

    @Test func compactOutputKeepsLiteralsAndOrder() throws {
        let text = """
            { "b" : 12345678901234567890.123 ,
              "a" : [ 1e3 , -0.5 , 17.98 ] }
            """
        #expect(try JSONValue.parse(text).serialized == #"{"b":12345678901234567890.123,"a":[1e3,-0.5,17.98]}"#)
    }

    @Test func stringsAreEscapedOnlyWhereJSONRequires() {
        let value = JSONValue.string("a\"b\\c\nd\re\tf\u{01}g\u{1F}h/é😀")
        #expect(value.serialized == #""a\"b\\c\nd\re\tf\u0001g\u001fh/é😀""#)
    }

    @Test func objectBuiltInCodeSerializes() {
        var object = JSONObject(["id": .string("350"), "total": .number("6000.00")])
        object["status"] = .string("validated")
        object["total"] = .number("6100.00")
        #expect(JSONValue.object(object).serialized == #"{"id":"350","total":6100.00,"status":"validated"}"#)
        object["id"] = nil
        #expect(object.keys == ["total", "status"])
        object["absent"] = nil
        #expect(object.keys == ["total", "status"])
    }

    @Test func mergingReplacesInPlaceAndAppendsNewMembers() throws {
        let item = try #require(JSONValue.parse(#"{"id":"350","status":"draft","total":"1.00"}"#).objectValue)
        let detail = try #require(JSONValue.parse(#"{"status":"validated","lines":[],"id":"350","note":null}"#).objectValue)
        let merged = item.merging(detail)
        #expect(merged.keys == ["id", "status", "total", "lines", "note"])
        #expect(merged["status"] == .string("validated"))
        #expect(merged["total"] == .string("1.00"))
        #expect(merged["note"] == .null)
        #expect(JSONValue.object(merged).serialized == #"{"id":"350","status":"validated","total":"1.00","lines":[],"note":null}"#)
        // Neither input changes.
        #expect(item.keys == ["id", "status", "total"])
        #expect(detail.keys == ["status", "lines", "id", "note"])
    }

    @Test func mergingWithEmptyObjects() throws {
        let item = try #require(JSONValue.parse(#"{"a":1}"#).objectValue)
        #expect(item.merging(JSONObject()) == item)
        #expect(JSONObject().merging(item) == item)
    }
}

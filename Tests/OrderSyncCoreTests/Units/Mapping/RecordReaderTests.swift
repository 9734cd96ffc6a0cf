import Foundation
import Testing

@testable import OrderSyncCore

/// Typed reads of upstream JSON whose every failure names the field path.
struct RecordReaderTests {
    static func reader(_ text: String) throws -> RecordReader {
        try RecordReader(try JSONValue.parse(text))
    }

    @Test func errorsNameTheFieldPathInsideArrays() throws {
        let order = try Self.reader(#"{"lines": [{"quantity": "1"}, {"quantity": 2.5}, {"quantity": "x"}]}"#)
        let lines = try order.objects("lines")
        #expect(lines.map(\.path) == ["lines[0]", "lines[1]", "lines[2]"])
        #expect(try lines[0].quantity("quantity") == 1)
        #expect(try lines[1].quantity("quantity") == 2.5)
        let error = mappingFailure { () throws(MappingError) in try lines[2].quantity("quantity") }
        #expect(error?.path == "lines[2].quantity")
        #expect(error?.description == #"lines[2].quantity: "x" is not a number"#)
    }

    @Test func nestedObjectsExtendThePath() throws {
        let order = try Self.reader(#"{"billing": {"address": {"zip": true}}}"#)
        let address = try order.requiredObject("billing").requiredObject("address")
        #expect(address.path == "billing.address")
        let error = mappingFailure { () throws(MappingError) in try address.text("zip") }
        #expect(error?.description == "billing.address.zip: expected a string or number, got a boolean")
        #expect(mappingFailure { () throws(MappingError) in try order.requiredObject("shipping") }?.path == "shipping")
        #expect(try order.object("shipping") == nil)
    }

    @Test func notAnObjectIsRefused() throws {
        let error = mappingFailure { () throws(MappingError) in try RecordReader(.array([]), path: "data[4]") }
        #expect(error?.description == "data[4]: expected an object, got an array")
        let topLevel = mappingFailure { () throws(MappingError) in try RecordReader(.string("x")) }
        #expect(topLevel?.description == "expected an object, got a string")
        let order = try Self.reader(#"{"lines": {"a": 1}, "items": [1]}"#)
        #expect(mappingFailure { () throws(MappingError) in try order.objects("lines") }?.description
                == "lines: expected an array, got an object")
        #expect(mappingFailure { () throws(MappingError) in try order.objects("items") }?.description
                == "items[0]: expected an object, got a number")
        #expect(try order.objects("absent").isEmpty)
    }

    @Test func textReadsStringsAndNumbersAndTreatsEmptyAndNullAsAbsent() throws {
        let order = try Self.reader(#"{"id": 350, "ref": "CO-1", "empty": "", "null": null, "list": []}"#)
        #expect(try order.text("id") == "350")
        #expect(try order.text("ref") == "CO-1")
        #expect(try order.text("empty") == nil)
        #expect(try order.text("null") == nil)
        #expect(try order.text("missing") == nil)
        #expect(order.value("null") == nil)
        #expect(mappingFailure { () throws(MappingError) in try order.requiredText("empty") }?.description == "empty: required field missing")
        #expect(mappingFailure { () throws(MappingError) in try order.requiredText("null") }?.path == "null")
        #expect(mappingFailure { () throws(MappingError) in try order.text("list") }?.description == "list: expected a string or number, got an array")
    }

    @Test func moneyIsExactAndNamesTheField() throws {
        let order = try Self.reader(#"{"a": "17.98", "b": 17.98, "c": "1,5", "d": "", "e": 1e40}"#)
        #expect(try order.money("a", exponent: 2) == 1798)
        #expect(try order.money("b", exponent: 2) == 1798)
        #expect(try order.money("d", exponent: 2) == nil)
        #expect(try order.requiredMoney("a", exponent: 0) == 18)
        #expect(mappingFailure { () throws(MappingError) in try order.money("c", exponent: 2) }?.description == #"c: "1,5" is not a decimal amount"#)
        #expect(mappingFailure { () throws(MappingError) in try order.money("e", exponent: 2) }?.description == #"e: "1e40" is too large for an amount"#)
        #expect(mappingFailure { () throws(MappingError) in try order.requiredMoney("d", exponent: 2) }?.description == "d: required amount missing")
    }

    @Test func quantities() throws {
        let order = try Self.reader(#"{"a": "50.00", "b": -2, "c": "1e2", "d": "", "e": "NaN", "f": "inf", "g": " 1"}"#)
        #expect(try order.quantity("a") == 50)
        #expect(try order.quantity("b") == -2)
        #expect(try order.quantity("c") == 100)
        #expect(mappingFailure { () throws(MappingError) in try order.quantity("d") }?.description == "d: required quantity missing")
        #expect(mappingFailure { () throws(MappingError) in try order.quantity("missing") }?.path == "missing")
        for key in ["e", "f", "g"] {
            #expect(mappingFailure { () throws(MappingError) in try order.quantity(key) }?.path == key)
        }
    }

    @Test func integers() throws {
        let order = try Self.reader(#"{"a": 12, "b": "-3", "c": "1.5", "d": ""}"#)
        #expect(try order.integer("a") == 12)
        #expect(try order.integer("b") == -3)
        #expect(try order.integer("d") == nil)
        #expect(mappingFailure { () throws(MappingError) in try order.integer("c") }?.description == #"c: "1.5" is not an integer"#)
    }

    @Test func booleansFromTrueFalseZeroAndOne() throws {
        let order = try Self.reader(#"{"t": true, "f": false, "n0": 0, "n1": 1, "s0": "0", "s1": "1", "z": null, "s": "true", "n2": 2}"#)
        #expect(try order.bool("t") == true)
        #expect(try order.bool("f") == false)
        #expect(try order.bool("n0") == false)
        #expect(try order.bool("n1") == true)
        #expect(try order.bool("s0") == false)
        #expect(try order.bool("s1") == true)
        #expect(try order.bool("z") == nil)
        #expect(try order.bool("missing") == nil)
        #expect(mappingFailure { () throws(MappingError) in try order.bool("s") }?.description == "s: expected a boolean, got a string")
        #expect(mappingFailure { () throws(MappingError) in try order.bool("n2") }?.description == "n2: expected a boolean, got a number")
    }

    @Test func instantsTreatEmptyAsAbsent() throws {
        let order = try Self.reader(
            #"{"at": "2026-04-30 12:00:00", "empty": "", "bad": "2024-02-30", "number": 20200101095500, "compact": "20200101095500", "cempty": ""}"#)
        #expect(try order.instant("at", timeZone: UnitFixtures.berlin)?.iso8601 == "2026-04-30T10:00:00Z")
        #expect(try order.instant("empty", timeZone: UnitFixtures.utc) == nil)
        #expect(try order.instant("missing", timeZone: UnitFixtures.utc) == nil)
        #expect(mappingFailure { () throws(MappingError) in try order.instant("bad", timeZone: UnitFixtures.utc) }?.description
                == #"bad: "2024-02-30" is not a recognised date or timestamp"#)
        #expect(mappingFailure { () throws(MappingError) in try order.instant("number", timeZone: UnitFixtures.utc) }?.description
                == "number: expected a timestamp string, got a number")
        #expect(mappingFailure { () throws(MappingError) in try order.requiredInstant("empty", timeZone: UnitFixtures.utc) }?.description
                == "empty: required timestamp missing")
        #expect(try order.compactInstant("number", timeZone: UnitFixtures.utc)?.iso8601 == "2020-01-01T09:55:00Z")
        #expect(try order.compactInstant("compact", timeZone: UnitFixtures.berlin)?.iso8601 == "2020-01-01T08:55:00Z")
        #expect(try order.compactInstant("cempty", timeZone: UnitFixtures.utc) == nil)
        #expect(mappingFailure { () throws(MappingError) in try order.compactInstant("at", timeZone: UnitFixtures.utc) }?.path == "at")
    }

    @Test func datesAndDayStarts() throws {
        let order = try Self.reader(#"{"d": "2024-05-15", "ts": "2024-05-15T23:00:00Z", "bad": "2024-13-01", "empty": ""}"#)
        #expect(try order.date("d") == "2024-05-15")
        #expect(try order.date("ts") == "2024-05-15")
        #expect(try order.date("empty") == nil)
        #expect(mappingFailure { () throws(MappingError) in try order.date("bad") }?.path == "bad")
        #expect(try order.requiredDayStart("d", timeZone: UnitFixtures.paris).iso8601 == "2024-05-14T22:00:00Z")
        #expect(mappingFailure { () throws(MappingError) in try order.requiredDayStart("empty", timeZone: UnitFixtures.utc) }?.description
                == "empty: required date missing")
        #expect(mappingFailure { () throws(MappingError) in try order.requiredDayStart("ts", timeZone: UnitFixtures.utc) }?.path == "ts")
    }

    @Test func mappingErrorDescription() {
        #expect(MappingError(path: "", message: "no id").description == "no id")
        #expect(MappingError(path: "a.b", message: "bad").description == "a.b: bad")
    }
}

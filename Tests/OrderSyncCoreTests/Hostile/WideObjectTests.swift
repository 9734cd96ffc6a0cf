import Foundation
import Testing

@testable import OrderSyncCore

/// A detail with hundreds of thousands of members costs time linear in its size: parsing,
/// lookups and the list-item/detail merge the pipeline does (`JSONObject.merging`).
@Suite("Hostile: wide objects")
struct WideObjectTests {
    static func wideDocument(members: Int) -> [UInt8] {
        var text = #"{"id":"W1","status":"validated""#
        text.reserveCapacity(members * 16)
        for index in 0..<members { text += #","k\#(index)":\#(index)"# }
        return Array((text + "}").utf8)
    }

    /// Parses a detail of `members` members, merges it over a list item and reads members from
    /// it, as `RecordPipeline` and a mapping do; returns the seconds of the fastest of three.
    static func cost(members: Int) throws -> Double {
        let body = wideDocument(members: members)
        let item = JSONObject(["id": .string("W1"), "ref": .string("R-1"), "status": .string("draft")])
        var best = Double.infinity
        for _ in 0..<3 {
            let clock = ContinuousClock()
            let start = clock.now
            let detail = try #require(try JSONValue.parse(body).objectValue)
            let merged = item.merging(detail)
            #expect(merged.members.count == members + 3)
            #expect(merged["status"] == .string("validated") && merged["ref"] == .string("R-1"))
            #expect(merged["k\(members - 1)"] == .number("\(members - 1)"))
            let (seconds, attoseconds) = (clock.now - start).components
            best = min(best, Double(seconds) + Double(attoseconds) / 1e18)
        }
        return best
    }

    @Test func a240000MemberDetailCostsTenTimesA24000MemberOne() throws {
        let small = try Self.cost(members: 24_000)
        let large = try Self.cost(members: 240_000)
        // Linear work gives about 10× (a little more for caches); the quadratic merge gave 100×.
        #expect(large / small < 35, "24,000 members: \(small) s, 240,000 members: \(large) s")
    }

    @Test func mergeKeepsMemberOrderAndReplacesInPlace() {
        var detail = JSONObject()
        for index in 0..<40 { detail["k\(index)"] = .number("\(index)") }
        let item = JSONObject(["k5": .string("item"), "extra": .bool(true)])
        let merged = item.merging(detail)
        #expect(merged.keys == ["k5", "extra"] + (0..<40).filter { $0 != 5 }.map { "k\($0)" })
        #expect(merged["k5"] == .number("5"))
        var removed = merged
        removed["extra"] = nil
        #expect(removed["k39"] == .number("39") && removed["extra"] == nil && removed.members.count == 40)
        #expect(removed.keys.first == "k5")
    }

    @Test func aRepeatedKeyReadsAndReplacesTheFirst() throws {
        var members = (0..<30).map { JSONObject.Member(key: "k\($0)", value: .number("\($0)")) }
        members.append(JSONObject.Member(key: "k3", value: .string("second")))
        var object = JSONObject(members)
        #expect(object["k3"] == .number("3"))
        object["k3"] = .bool(true)
        #expect(object.members[3].value == .bool(true) && object.members[30].value == .string("second"))
        #expect(object == JSONObject(object.members))
    }

    @Test func anObjectOverTheMemberBoundIsAnInvalidBody() {
        let body = Self.wideDocument(members: JSONParser.maximumMembers)
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(body) }
        #expect(error?.reason == "object with more than \(JSONParser.maximumMembers) members")
    }
}

import Foundation
import Testing

@testable import OrderSyncCore

/// Reading TZif files: versions 1 and 2, slim files, and every way a name or a file can be
/// wrong (nil, never a trap).
struct ZoneRulesFileTests {
    /// A TZif file written by hand: `types` are UTC offsets, `transitions` (time, type index).
    /// Version 1 files have the 32-bit block only; version 2+ a 64-bit block and the footer
    /// after an empty 32-bit block, as `zic -b slim` writes them.
    static func tzif(version: UInt8, types: [Int32], transitions: [(Int64, UInt8)], footer: String = "") -> [UInt8] {
        func integer(_ value: Int64, size: Int) -> [UInt8] { (0..<size).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func header(version: UInt8, times: Int, types: Int, characters: Int) -> [UInt8] {
            Array("TZif".utf8) + [version] + [UInt8](repeating: 0, count: 15)
                + [0, 0, 0, Int64(times), Int64(types), Int64(characters)].flatMap { integer($0, size: 4) }
        }
        let timeSize = version == 0 ? 4 : 8
        var block = transitions.flatMap { integer($0.0, size: timeSize) } + transitions.map(\.1)
        block += types.flatMap { integer(Int64($0), size: 4) + [0, 0] } + [0]
        let body = header(version: version, times: transitions.count, types: types.count, characters: 1) + block
        guard version != 0 else { return body }
        return header(version: version, times: 0, types: 1, characters: 1) + [0, 0, 0, 0, 0, 0, 0] + body
            + Array("\n\(footer)\n".utf8)
    }

    /// A fresh directory with `files`, removed when `body` returns.
    static func withDirectory(_ files: [String: [UInt8]], _ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zonerules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, bytes) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try body(directory.path)
    }

    @Test func slimFileLeavesEverythingAfterItsOneTransitionToTheFooter() throws {
        // Berlin as `zic -b slim` may write it: local mean time until 1893, then the EU rule.
        let bytes = Self.tzif(version: 0x32, types: [3208, 3600], transitions: [(-2_422_054_408, 1)],
                              footer: "CET-1CEST,M3.5.0,M10.5.0/3")
        try Self.withDirectory(["Test/Berlin": bytes]) { directory in
            let zone = try #require(ZoneRules(identifier: "Test/Berlin", directory: directory))
            #expect(zone.secondsFromGMT(atUTCSeconds: -2_422_054_409) == 3208)
            let autumn2100 = try #require(zone.nextTransition(afterUTCSeconds: CivilTime(year: 2100, month: 7, day: 1).secondsIfUTC))
            #expect(Instant(secondsSinceEpoch: autumn2100).iso8601 == "2100-10-31T01:00:00Z")
            #expect(zone.secondsFromGMT(atUTCSeconds: autumn2100 - 1) == 7200)
            #expect(zone.secondsFromGMT(atUTCSeconds: autumn2100) == 3600)
            // The real file, from 1997 (the rule's first year in force as written) on.
            let system = try #require(ZoneRules(identifier: "Europe/Berlin"))
            let differing = stride(from: CivilTime(year: 1997, month: 1, day: 1).secondsIfUTC, to: 4_102_444_800, by: 86_399)
                .filter { zone.secondsFromGMT(atUTCSeconds: $0) != system.secondsFromGMT(atUTCSeconds: $0) }
            #expect(differing.isEmpty, "\(differing.prefix(5).map { Instant(secondsSinceEpoch: $0) })")
        }
    }

    @Test func versionOneFilesHaveNoFooter() throws {
        let bytes = Self.tzif(version: 0, types: [-18_000, -14_400], transitions: [(1_000, 1), (2_000, 0), (3_000, 0)])
        let table = try #require(ZoneRules.Table(tzif: bytes))
        let zone = ZoneRules(identifier: "Test/Version1", table: table)
        #expect(zone.secondsFromGMT(atUTCSeconds: 999) == -18_000)
        #expect(zone.secondsFromGMT(atUTCSeconds: 1_000) == -14_400)
        #expect(zone.secondsFromGMT(atUTCSeconds: 9_999_999_999) == -18_000)
        // The change at 3000 keeps the offset: not a transition.
        #expect(zone.nextTransition(afterUTCSeconds: 1_000) == 2_000)
        #expect(zone.nextTransition(afterUTCSeconds: 2_000) == nil)
    }

    @Test func noTransitionsMeansTheFooterEverywhere() throws {
        let table = try #require(ZoneRules.Table(tzif: Self.tzif(version: 0x34, types: [0], transitions: [], footer: "<+0330>-3:30")))
        #expect(ZoneRules(identifier: "X", table: table).secondsFromGMT(atUTCSeconds: -5_000_000_000) == 12_600)
        let empty = try #require(ZoneRules.Table(tzif: Self.tzif(version: 0x33, types: [-3600], transitions: [])))
        #expect(ZoneRules(identifier: "X", table: empty).secondsFromGMT(atUTCSeconds: 0) == -3600)
    }

    @Test func everyTruncationAndEveryCorruptedByteOfARealFileIsSurvived() throws {
        let path = ZoneRulesTests.directory + "/America/New_York"
        let bytes = try #require(ZoneRules.readFile(path))
        #expect(ZoneRules.Table(tzif: bytes) != nil)
        // The footer's final newline is the last byte: any shorter file is refused.
        let accepted = (0..<bytes.count).filter { ZoneRules.Table(tzif: Array(bytes[0..<$0])) != nil }
        #expect(accepted.isEmpty, "prefixes accepted: \(accepted.prefix(5))")
        for index in bytes.indices {
            for value: UInt8 in [0x00, 0x7F, 0xFF] {
                var corrupted = bytes
                corrupted[index] = value
                _ = ZoneRules.Table(tzif: corrupted) // must return, whatever it makes of it
            }
        }
        // Counts claiming more than the file holds.
        var huge = bytes
        huge.replaceSubrange(32..<36, with: [0x7F, 0xFF, 0xFF, 0xFF])
        #expect(ZoneRules.Table(tzif: huge) == nil)
        // Transitions out of order.
        let unordered = Self.tzif(version: 0x32, types: [0, 3600], transitions: [(2_000, 1), (1_000, 0)], footer: "UTC0")
        #expect(ZoneRules.Table(tzif: unordered) == nil)
        // A type index beyond the types.
        let badIndex = Self.tzif(version: 0x32, types: [0], transitions: [(1_000, 1)], footer: "UTC0")
        #expect(ZoneRules.Table(tzif: badIndex) == nil)
        // A footer that is no rule.
        #expect(ZoneRules.Table(tzif: Self.tzif(version: 0x32, types: [0], transitions: [], footer: "nonsense")) == nil)
    }

    @Test func filesThatAreNotTZifGiveNil() throws {
        let truncated = Array(Self.tzif(version: 0x32, types: [3600], transitions: [(0, 0)], footer: "CET-1").dropLast(10))
        try Self.withDirectory([
            "Test/Truncated": truncated, "Test/Text": Array("hello, world\n".utf8), "Test/Empty": [],
            "Test/Good": Self.tzif(version: 0x32, types: [3600], transitions: [(0, 0)], footer: "CET-1"),
        ]) { directory in
            #expect(ZoneRules(identifier: "Test/Good", directory: directory)?.secondsFromGMT(atUTCSeconds: 0) == 3600)
            for name in ["Test/Truncated", "Test/Text", "Test/Empty", "Test", "Test/Missing"] {
                #expect(ZoneRules(identifier: name, directory: directory) == nil, "\(name)")
            }
        }
    }

    @Test(arguments: [
        "", "/etc/passwd", "../etc/passwd", "Europe/../../etc/passwd", "Europe/..", "./Europe/Berlin",
        "Europe/Berlin ", "Europe\\Berlin", "Europe/Berlin\0", "Nowhere/Atlantis", "Europe", "Europe/",
        String(repeating: "A", count: 300),
        // Files in the directory that are not zones (leap-second and POSIX variants, the host's own).
        "right/Europe/Berlin", "posix/Europe/Berlin", "localtime", "posixrules", "Factory",
    ])
    func implausibleOrUnknownNamesGiveNil(name: String) {
        #expect(ZoneRules(identifier: name) == nil)
    }

    @Test func utcNamesNeedNoFile() throws {
        for name in ["UTC", "GMT", "Etc/UTC", "Etc/GMT"] {
            let zone = try #require(ZoneRules(identifier: name, directory: "/nonexistent"))
            #expect(zone.identifier == name)
            #expect(zone.description == name)
            #expect(zone.secondsFromGMT(atUTCSeconds: 1_800_000_000) == 0)
            #expect(zone.nextTransition(afterUTCSeconds: 0) == nil)
        }
        #expect(ZoneRules(identifier: "UTC") == ZoneRules.utc)
        #expect(ZoneRules(identifier: "GMT") != ZoneRules.utc)
        #expect(Set([ZoneRules(identifier: "Europe/Berlin"), ZoneRules(identifier: "Europe/Berlin"), .utc]).count == 2)
    }
}

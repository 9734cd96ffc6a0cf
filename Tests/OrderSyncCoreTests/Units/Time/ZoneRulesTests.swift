import Foundation
import Testing

@testable import OrderSyncCore

/// `ZoneRules` against Foundation's ICU-backed `TimeZone` for every zone of the system's tzdata,
/// 1970 to 2100, and against the C library's own reading (`zdump`) where ICU's copy of the data
/// is older than the system's.
struct ZoneRulesTests {
    static let directory = "/usr/share/zoneinfo"
    /// 1970-01-01T00:00:00Z and 2100-01-01T00:00:00Z.
    static let first: Int64 = 0
    static let last: Int64 = 4_102_444_800

    /// Every zone name the system has a TZif file for: the zones and links of `tzdata.zi`, and
    /// whatever else a walk of the directory finds (Debian ships a few names `tzdata.zi` lacks).
    static let zoneNames: [String] = {
        var names = Set<String>()
        if let text = try? String(contentsOfFile: directory + "/tzdata.zi", encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.first == "Z", fields.count > 1 { names.insert(String(fields[1])) }
                if fields.first == "L", fields.count > 2 { names.insert(String(fields[2])) }
            }
        }
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let path = enumerator?.nextObject() as? String {
            if path.hasPrefix("posix") || path.hasPrefix("right") { enumerator?.skipDescendants() } else { names.insert(path) }
        }
        let skipped: Set<String> = ["localtime", "posixrules", "Factory"]
        return names.filter { !skipped.contains($0) && isTZif(directory + "/" + $0) }.sorted()
    }()

    static func isTZif(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data("TZif".utf8)
    }

    /// Zones for which ICU (whose own copy of tzdata Foundation reads) follows a different
    /// definition than the system: since tzdata 2024b the main data makes `EET` a link to
    /// `Europe/Athens` and `WET` one to `Europe/Lisbon`, and ICU follows; Debian builds with
    /// `backzone`, which keeps them as zones of their own (no DST in EET before 1977, none in
    /// WET in 1970 where Lisbon had +01). ordersync reads the system's files, so for these the
    /// C library's reading of the same files (`zdump`) is the reference instead.
    static let systemDataDiffersFromICU: Set<String> = ["EET", "WET"]

    @Test func everyZoneAgreesWithFoundationFrom1970To2100() throws {
        #expect(Self.zoneNames.count > 500, "zones found: \(Self.zoneNames.count)")
        var disagreements: [String] = []
        var compared = 0
        for name in Self.zoneNames where !Self.systemDataDiffersFromICU.contains(name) {
            let ours = try #require(ZoneRules(identifier: name), "\(name)")
            let theirs = try #require(TimeZone(identifier: name), "\(name) unknown to Foundation")
            // ~400 instants, a step that is no whole number of days so that the times of day vary,
            // and either side of every change the system's data knows.
            let instants = Array(stride(from: Self.first, to: Self.last, by: 10_299_347)) + Self.edges(of: ours)
            compared += instants.count
            for instant in instants {
                let expected = theirs.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
                let actual = ours.secondsFromGMT(atUTCSeconds: instant)
                if actual != expected {
                    disagreements.append("\(name) at \(Instant(secondsSinceEpoch: instant)): ours \(actual), Foundation \(expected)")
                    break
                }
            }
        }
        #expect(compared > 300_000, "instants compared: \(compared)")
        #expect(disagreements.isEmpty, "\(disagreements.count) zones:\n\(disagreements.joined(separator: "\n"))")
    }

    /// The instant before and the instant of every offset change from 1970 to 2100.
    static func edges(of zone: ZoneRules) -> [Int64] {
        var instants: [Int64] = []
        var cursor = first
        while let next = zone.nextTransition(afterUTCSeconds: cursor), next < last {
            instants += [next - 1, next]
            cursor = next
        }
        return instants
    }

    @Test(arguments: systemDataDiffersFromICU.sorted())
    func zonesICUReadsDifferentlyAgreeWithTheCLibrary(name: String) throws {
        let zdump = "/usr/bin/zdump"
        try #require(FileManager.default.isExecutableFile(atPath: zdump), "zdump (Debian libc-bin) is the reference here")
        let ours = try #require(ZoneRules(identifier: name))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zdump)
        process.arguments = ["-v", "-c", "1970,2100", name]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // `EET  Sun Apr  3 01:00:00 1977 UT = Sun Apr  3 04:00:00 1977 EEST isdst=1 gmtoff=10800`:
        // zdump prints the second before and the second of every transition.
        var reference: [(at: Int64, offset: Int)] = []
        for line in output.split(separator: "\n") where line.contains(" UT = ") {
            let fields = line.split(separator: " ")
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            let time = fields[4].split(separator: ":").compactMap { Int($0) }
            let month = try #require(months.firstIndex(of: String(fields[2])))
            let offset = try #require(fields.last.flatMap { Int($0.dropFirst("gmtoff=".count)) })
            let civil = CivilTime(
                year: try #require(Int(fields[5])), month: month + 1, day: try #require(Int(fields[3])),
                hour: time[0], minute: time[1], second: time[2])
            reference.append((civil.secondsIfUTC, offset))
        }
        #expect(reference.count > 100)
        for (instant, offset) in reference {
            #expect(ours.secondsFromGMT(atUTCSeconds: instant) == offset, "\(name) at \(Instant(secondsSinceEpoch: instant))")
        }
        // And ours has no change zdump lacks.
        #expect(Self.edges(of: ours) == reference.map(\.at))
    }
}

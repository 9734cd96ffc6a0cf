import Foundation
import Testing

/// Every relative link in README.md and docs/ resolves: the file exists (inside the repository)
/// and a `#fragment` names a heading of that file, spelled the way GitHub derives anchors.
@Suite("documentation links")
struct DocLinkTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL

    /// README.md and every Markdown file under docs/.
    static func pages() -> [URL] {
        var pages = [root.appendingPathComponent("README.md")]
        let docs = root.appendingPathComponent("docs")
        if let files = FileManager.default.enumerator(at: docs, includingPropertiesForKeys: nil) {
            for case let file as URL in files where file.pathExtension == "md" { pages.append(file.standardizedFileURL) }
        }
        return pages.sorted { $0.path < $1.path }
    }

    /// The text outside fenced code blocks and inline code spans, where links are live.
    static func prose(_ text: String) -> String {
        var inFence = false
        var lines: [String] = []
        for line in text.components(separatedBy: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inFence.toggle()
                continue
            }
            if !inFence { lines.append(line.replacingOccurrences(of: "`[^`]*`", with: "", options: .regularExpression)) }
        }
        return lines.joined(separator: "\n")
    }

    /// The targets of `[text](target)` links.
    static func links(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"\]\(([^)\s]+)(?:\s+"[^"]*")?\)"#)
        let prose = prose(text)
        return regex.matches(in: prose, range: NSRange(prose.startIndex..., in: prose)).compactMap { match in
            Range(match.range(at: 1), in: prose).map { String(prose[$0]) }
        }
    }

    /// GitHub's anchors for the headings of a Markdown text: lower-cased, punctuation dropped
    /// (letters, digits, `-`, `_` and spaces kept), spaces as `-`; repeats get `-1`, `-2`, ….
    static func anchors(in text: String) -> Set<String> {
        var anchors: Set<String> = []
        var seen: [String: Int] = [:]
        var inFence = false
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") { inFence.toggle() }
            guard !inFence, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            let slug = String(title.lowercased().unicodeScalars.filter { scalar in
                CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_" || scalar == " "
            }.map(Character.init)).replacingOccurrences(of: " ", with: "-")
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            anchors.insert(count == 0 ? slug : "\(slug)-\(count)")
        }
        return anchors
    }

    static func brokenLinks() throws -> [String] {
        var broken: [String] = []
        for page in pages() {
            let text = try String(contentsOf: page, encoding: .utf8)
            let name = String(page.path.dropFirst(root.path.count + 1))
            for link in links(in: text) {
                if link.contains("://") || link.hasPrefix("mailto:") { continue }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? page
                    : page.deletingLastPathComponent().appendingPathComponent(parts[0].removingPercentEncoding ?? parts[0]).standardizedFileURL
                guard target.path.hasPrefix(root.path + "/") else {
                    broken.append("\(name): \(link) points outside the repository")
                    continue
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
                    broken.append("\(name): \(link): no such file")
                    continue
                }
                if parts.count == 2, !isDirectory.boolValue {
                    let anchors = anchors(in: try String(contentsOf: target, encoding: .utf8))
                    if !anchors.contains(parts[1]) { broken.append("\(name): \(link): no heading with that anchor") }
                }
            }
        }
        return broken
    }

    @Test func everyRelativeLinkResolves() throws {
        #expect(Self.pages().count > 5)
        let broken = try Self.brokenLinks()
        #expect(broken == [], "\(broken.joined(separator: "\n"))")
    }

    @Test func anchorsAreDerivedTheWayGitHubDoes() {
        let text = "# Adding a sixth provider\n## `verify` and repair: costs\n## Options\n## Options\n```\n# not a heading\n```"
        #expect(Self.anchors(in: text) == ["adding-a-sixth-provider", "verify-and-repair-costs", "options", "options-1"])
        #expect(Self.links(in: "see [a](a.md#x), `[b](b.md)` and [c](https://c.example)") == ["a.md#x", "https://c.example"])
    }

    @Test func theDocsNeverPointOutsideTheRepository() throws {
        for page in Self.pages() {
            let text = try String(contentsOf: page, encoding: .utf8)
            #expect(!text.contains("spec/interface.md") && !text.contains("spec/canonical-schema.md"), "\(page.lastPathComponent)")
        }
    }
}

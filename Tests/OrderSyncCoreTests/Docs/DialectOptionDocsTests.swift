import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// Each dialect's page documents exactly the options the dialect declares, with their defaults:
/// a row `` | `options.<key>` | `<default as JSON>` | … `` in its `## Options` section.
@Suite("dialect option docs")
struct DialectOptionDocsTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/dialects")

    /// `(key, default, accepts, meaning)` of every `options.` row of the page's `## Options` section.
    static func documentedOptions(_ dialect: String) throws -> [(key: String, defaultValue: String, accepts: String, meaning: String)]? {
        let text = try String(contentsOf: docs.appendingPathComponent("\(dialect).md"), encoding: .utf8)
        guard let start = text.range(of: "\n## Options\n") else { return nil }
        let section = text[start.upperBound...].components(separatedBy: "\n## ").first ?? ""
        return section.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 5, cells[1].hasPrefix("`options."), cells[1].hasSuffix("`") else { return nil }
            return (String(cells[1].dropFirst("`options.".count).dropLast()), cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`")),
                    cells[3], cells[4...].dropLast().joined(separator: "|"))
        }
    }

    @Test(arguments: TestDialects.names)
    func thePagesOptionTableMatchesTheDeclarations(dialect: String) throws {
        let adapter = try #require(DialectRegistry.adapter(named: dialect))
        let documented = try #require(try Self.documentedOptions(dialect), "docs/dialects/\(dialect).md has no ## Options section")
        #expect(documented.map(\.key) == adapter.optionDeclarations.map(\.key))
        // Every cell the declaration knows comes from it: default, what is accepted (as the
        // loader's error says it), and the help line the meaning starts with.
        for (row, option) in zip(documented, adapter.optionDeclarations) {
            #expect(row.defaultValue == option.defaultValue.serialized, "\(dialect).\(option.key)")
            #expect(row.accepts == option.expectation, "\(dialect).\(option.key) accepts")
            #expect(row.meaning.hasPrefix(option.summary), "\(dialect).\(option.key): the meaning starts with the declared help, \"\(option.summary)\"")
        }
    }

    /// The README says what a new provider takes; the docs' share of it is checked here: a page
    /// per dialect, and a row in both tables of `docs/dialects.md` per built-in one.
    @Test func everyDialectHasItsPageAndItsRows() throws {
        let index = try String(contentsOf: Self.docs.deletingLastPathComponent().appendingPathComponent("dialects.md"), encoding: .utf8)
        for dialect in TestDialects.names {
            #expect(FileManager.default.fileExists(atPath: Self.docs.appendingPathComponent("\(dialect).md").path), "no docs/dialects/\(dialect).md")
        }
        for adapter in DialectRegistry.builtIn {
            let rows = index.components(separatedBy: "\n").filter { $0.hasPrefix("| `\(adapter.name)` |") }
            #expect(rows.count == 2, "docs/dialects.md has \(rows.count) rows for \(adapter.name), not 2 (the index and At a glance)")
        }
    }
}

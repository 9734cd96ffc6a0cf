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

    /// `(key, default)` of every `options.` row of the page's `## Options` section.
    static func documentedOptions(_ dialect: String) throws -> [(key: String, defaultValue: String)]? {
        let text = try String(contentsOf: docs.appendingPathComponent("\(dialect).md"), encoding: .utf8)
        guard let start = text.range(of: "\n## Options\n") else { return nil }
        let section = text[start.upperBound...].components(separatedBy: "\n## ").first ?? ""
        return section.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3, cells[1].hasPrefix("`options."), cells[1].hasSuffix("`") else { return nil }
            return (String(cells[1].dropFirst("`options.".count).dropLast()), cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`")))
        }
    }

    @Test(arguments: TestDialects.names)
    func thePagesOptionTableMatchesTheDeclarations(dialect: String) throws {
        let adapter = try #require(DialectRegistry.adapter(named: dialect))
        let documented = try #require(try Self.documentedOptions(dialect), "docs/dialects/\(dialect).md has no ## Options section")
        #expect(documented.map(\.key) == adapter.optionDeclarations.map(\.key))
        for (row, option) in zip(documented, adapter.optionDeclarations) {
            #expect(row.defaultValue == option.defaultValue.serialized, "\(dialect).\(option.key)")
        }
    }
}

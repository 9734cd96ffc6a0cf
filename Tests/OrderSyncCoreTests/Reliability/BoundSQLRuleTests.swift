import Foundation
import Testing

/// The store builds SQL only from literals and binds every value: no string interpolation in
/// SQL text. Checked over the sources, so the rule holds for code written after this test.
@Suite("Reliability: SQL only with bound parameters")
struct BoundSQLRuleTests {
    /// Uppercase statement words, whole: how the store spells SQL, never how it spells messages.
    static let keywords = try! NSRegularExpression(
        pattern: #"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|INTO|VALUES|SET|PRAGMA|CREATE|DROP|ALTER|REPLACE)\b"#)

    /// Interpolations that cannot be parameters (SQLite binds no values in PRAGMA) and hold a
    /// number, not text: file name and the exact line.
    static let allowed: Set<String> = [
        #"Migrator.swift: try db.execute("PRAGMA user_version = \(migration.version)")"#,
    ]

    /// The PostgreSQL store interpolates constant SQL built by two vetted helpers (placeholder
    /// lists `$1, $2…` from counts, and a column's UTC text form) and its own table-name constant:
    /// they never carry a value, which still goes through `$n` parameters.
    static func isVettedFragment(_ offender: String) -> Bool {
        offender.hasPrefix("Postgres") && ["\\(PostgresSQL.valuesList(", "\\(S.utcText(", "\\(PostgresSchema.utcText(", "FROM \\(table)", "SELECT \\(columns) FROM"].contains { offender.contains($0) }
    }

    static var storeDirectory: URL {
        // …/Tests/OrderSyncCoreTests/Reliability/<this file> → package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/OrderSyncCore/Store")
    }

    @Test func noStoreSourceInterpolatesIntoSQL() throws {
        let files = try Self.swiftFiles(under: Self.storeDirectory)
        #expect(files.count >= 5, "found only \(files.count) files under \(Self.storeDirectory.path)")
        var offenders: [String] = []
        var sqlLiterals = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let result = Self.scan(text, fileName: file.lastPathComponent)
            offenders += result.offenders.filter { !Self.allowed.contains($0) && !Self.isVettedFragment($0) }
            sqlLiterals += result.sqlLiterals
        }
        // The scan saw the store's SQL; an empty pass over the wrong folder proves nothing.
        #expect(sqlLiterals >= 20, "only \(sqlLiterals) SQL literals found")
        #expect(offenders.isEmpty, "SQL built by interpolation (bind the value instead):\n\(offenders.joined(separator: "\n"))")
    }

    @Test func theScannerCatchesInterpolationInBothLiteralForms() {
        let source = #"""
            let ok = try db.cachedStatement("SELECT cursor FROM sync_state WHERE source = ?1")
            let bad = "SELECT * FROM orders WHERE order_id = '\(id)'"
            let message = "the database at \(path) could not be opened"
            // A comment about "DELETE FROM \(table)" is no code.
            try db.execute("""
                DELETE FROM order_lines
                WHERE source = '\(source)'
                """)
            try db.execute("""
                UPDATE sources SET base_url = ?2 WHERE source = ?1
                """)
            """#
        let result = Self.scan(source, fileName: "Sample.swift")
        #expect(result.offenders == [
            #"Sample.swift: let bad = "SELECT * FROM orders WHERE order_id = '\(id)'""#,
            #"Sample.swift: WHERE source = '\(source)'"#,
        ])
        #expect(result.sqlLiterals == 4)
    }

    // MARK: Scanner

    /// Lines that interpolate inside SQL: a one-line literal with SQL keywords, or any line of a
    /// `"""` block whose text has SQL keywords. Comments are skipped.
    static func scan(_ text: String, fileName: String) -> (offenders: [String], sqlLiterals: Int) {
        var offenders: [String] = []
        var sqlLiterals = 0
        var block: [String]?
        func isSQL(_ line: String) -> Bool {
            keywords.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
        }
        for rawLine in text.components(separatedBy: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if var lines = block {
                if line.hasPrefix("\"\"\"") {
                    if lines.contains(where: isSQL) {
                        sqlLiterals += 1
                        offenders += lines.filter { $0.contains("\\(") }.map { "\(fileName): \($0)" }
                    }
                    block = nil
                } else {
                    lines.append(line)
                    block = lines
                }
                continue
            }
            if line.hasPrefix("//") { continue }
            if line.hasSuffix("\"\"\"") && !line.hasPrefix("\"\"\"") {
                block = []
                continue
            }
            let literals = stringLiterals(in: line)
            for literal in literals where isSQL(literal) {
                sqlLiterals += 1
                if literal.contains("\\(") { offenders.append("\(fileName): \(line)") }
            }
        }
        return (offenders, sqlLiterals)
    }

    /// The contents of the one-line string literals on `line` (interpolations kept as text).
    private static func stringLiterals(in line: String) -> [String] {
        var literals: [String] = []
        var current: String?
        var depth = 0
        var previous: Character = " "
        for character in line {
            if var text = current {
                // Inside `\( … )` every parenthesis and quote belongs to the expression.
                if character == "(" && (previous == "\\" || depth > 0) { depth += 1 }
                if character == ")" && depth > 0 { depth -= 1 }
                if character == "\"" && previous != "\\" && depth == 0 {
                    literals.append(text)
                    current = nil
                } else {
                    text.append(character)
                    current = text
                }
            } else if character == "\"" {
                current = ""
            }
            previous = character
        }
        return literals
    }

    private static func swiftFiles(under directory: URL) throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "swift" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }
}

import Foundation
import OrderSyncTesting
import Testing

/// The product imports FoundationEssentials, never Foundation: full Foundation brings ICU's data
/// and would be a quarter of the daemon's memory (docs/benchmarks.md). Checked twice, so neither
/// a new file nor a transitive import slips through: in the sources (the product, and the
/// sixth-dialect example a new provider is copied from), and in what the built binary loads.
@Suite("no Foundation in the product")
struct FoundationGuardTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Where the rule holds: the product, and the template for a new provider.
    static let guarded = ["Sources", "Tests/SixthDialect", "Tests/OrderSyncSixthBinary"]

    /// Modules that are, or pull in, Foundation with ICU. FoundationEssentials is the allowed one.
    static let forbidden: Set<String> = ["Foundation", "FoundationInternationalization", "FoundationNetworking", "FoundationXML"]

    /// The module an `import` line names (`import Foundation`, `@preconcurrency import Foundation`,
    /// `import struct Foundation.Date`), or nil for any other line.
    static func importedModule(_ line: String) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
        guard words.first == "import", words.count >= 2 else { return nil }
        let kinds: Set<String> = ["struct", "class", "enum", "protocol", "typealias", "func", "var", "let"]
        let path = kinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
        return path.split(separator: ".").first.map(String.init)
    }

    static func swiftFiles(under folder: String) -> [URL] {
        let directory = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    @Test("no source of the product or of the sixth-dialect example imports Foundation")
    func sourcesImportFoundationEssentialsOnly() throws {
        var offenders: [String] = []
        var files = 0
        for folder in Self.guarded {
            for file in Self.swiftFiles(under: folder) {
                files += 1
                let text = try String(contentsOf: file, encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if let module = Self.importedModule(String(line)), Self.forbidden.contains(module) {
                        offenders.append("\(file.path.dropFirst(Self.root.path.count + 1)):\(number + 1): \(line)")
                    }
                }
            }
        }
        // A scan of the wrong folder finds nothing and proves nothing.
        #expect(files >= 150, "only \(files) Swift files under \(Self.guarded)")
        #expect(offenders.isEmpty, "import FoundationEssentials (or Glibc) instead:\n\(offenders.joined(separator: "\n"))")
    }

    @Test("the import scanner sees every spelling of a Foundation import, and only those")
    func scannerSpellings() {
        #expect(Self.importedModule("import Foundation") == "Foundation")
        #expect(Self.importedModule("@preconcurrency import Foundation") == "Foundation")
        #expect(Self.importedModule("import struct Foundation.Date") == "Foundation")
        #expect(Self.importedModule("  import FoundationNetworking") == "FoundationNetworking")
        #expect(Self.importedModule("import FoundationEssentials") == "FoundationEssentials")
        #expect(Self.importedModule("// import Foundation") == nil)
        #expect(Self.importedModule("let text = \"import Foundation\"") == nil)
    }

    /// Both binaries `swift test` built: the product, and the one with the sixth dialect.
    @Test("the built binaries load neither libFoundation nor ICU", RequiredTool.ldd.trait,
          arguments: ["ordersync", "ordersync-with-sixth"])
    func binaryLoadsNoFoundation(name: String) throws {
        let binary = OrderSyncProcess.binary(named: name)
        let (status, output) = try RequiredTool.ldd.run([binary])
        #expect(status == 0, "ldd \(binary): \(output)")
        // The scan read a real list: the C library is in every dynamic binary's.
        #expect(output.contains("libc.so"), "ldd \(binary): \(output)")
        let libraries = output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        let loaded = libraries.filter { library in
            library.hasPrefix("libFoundation.so") || library.hasPrefix("libFoundationInternationalization")
                || library.hasPrefix("libFoundationNetworking") || library.hasPrefix("libFoundationXML")
                || library.contains("FoundationICU") || library.hasPrefix("libicu")
        }
        #expect(loaded.isEmpty, "\(name) loads \(loaded): some module imports Foundation; ldd says:\n\(output)")
    }
}

import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCLI

/// `docs/interface.md` is the contract of the command line: its command table has a row for
/// every command, and its option reference is generated from the same declarations (`CommandSpec`)
/// that parse the arguments and print `--help`, so the three cannot drift apart. After changing a
/// command, regenerate the reference with `ORDERSYNC_UPDATE_DOCS=1 swift test --filter InterfaceDocTests`.
@Suite("docs/interface.md names every command and option")
struct InterfaceDocTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/interface.md")

    static let begin = "<!-- BEGIN generated from the command declarations: ORDERSYNC_UPDATE_DOCS=1 swift test --filter InterfaceDocTests -->"
    static let end = "<!-- END generated -->"

    /// Markdown table cells may not hold a bare `|`.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// The option reference: per command, its usage, what it does, and every option `--help` shows.
    static func reference() -> String {
        var lines = [begin]
        for command in OrderSyncCommand.commands {
            let spec = command.spec
            lines += ["", "#### `\(spec.name)`", "`\(spec.usageLine)`: \(spec.abstract)", "", "| option | meaning |", "|---|---|"]
            for option in spec.options {
                let label = "--\(option.name)" + (option.valueName.map { " <\($0)>" } ?? "")
                lines.append("| `\(label)` | \(cell(option.help)) |")
            }
            lines.append("| `-h, --help` | Show help information. |")
        }
        lines += ["", end]
        return lines.joined(separator: "\n")
    }

    @Test func theOptionReferenceIsTheDeclarations() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        let generated = Self.reference()
        let start = try #require(text.range(of: Self.begin), "docs/interface.md lacks the generated option reference")
        let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex))
        let current = String(text[start.lowerBound..<stop.upperBound])
        if current != generated, ProcessInfo.processInfo.environment["ORDERSYNC_UPDATE_DOCS"] == "1" {
            try text.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: generated)
                .write(to: Self.page, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == generated, """
            docs/interface.md's option reference differs from the commands' declarations; \
            regenerate it with ORDERSYNC_UPDATE_DOCS=1 swift test --filter InterfaceDocTests
            """)
    }

    @Test func theCommandTableHasARowForEveryCommand() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        let commands = OrderSyncCommand.commands.map(\.spec.name)
        #expect(commands.count >= 10)
        for name in commands {
            #expect(text.contains("| `ordersync \(name)"), "docs/interface.md's command table has no row for \(name)")
        }
    }

    /// What the reference is made of is what `--help` prints: checked on the help text itself.
    @Test func everyOptionInTheReferenceIsInItsHelp() {
        for command in OrderSyncCommand.commands {
            let help = command.spec.helpText
            for option in command.spec.options {
                #expect(help.contains("--\(option.name)") && help.contains(option.help.prefix(40)),
                        "\(command.spec.name) --help lacks --\(option.name)")
            }
        }
    }
}

import Foundation
import OrderSyncTesting
import Testing

/// `ordersync generate-manpage` and `generate-completion bash` (what scripts/package ships):
/// every subcommand and option `--help` shows is in both, the page renders without a roff
/// warning, and bash really completes from the script.
@Suite("Generated manual page and bash completion (the real binary)", .serialized)
struct GeneratedDocsTests {
    static let groff = ExternalTool.find("/usr/bin/groff")
    static let bash = ExternalTool.find("/bin/bash", "/usr/bin/bash")
    static let man = ExternalTool.find("/usr/bin/man")

    func ordersync(_ arguments: String...) throws -> String {
        let result = try ExternalTool.run(OrderSyncProcess.binary, arguments)
        #expect(result.status == 0, "ordersync \(arguments.joined(separator: " ")): \(result.err)")
        return result.out
    }

    /// What `--help` declares: each subcommand with the options its own `--help` lists.
    func helpDeclarations() throws -> [(command: String, options: [String])] {
        let top = try ordersync("--help")
        let listed = top.components(separatedBy: "SUBCOMMANDS:")[1].split(separator: "\n")
            .compactMap { line -> String? in
                guard line.hasPrefix("  "), let word = line.split(separator: " ").first, !word.hasPrefix("See") else { return nil }
                return word.hasPrefix("'") ? nil : String(word)
            }
        #expect(listed.count >= 10, "\(top)")
        return try listed.map { command in
            let help = try ordersync(command, "--help")
            let options = help.components(separatedBy: "OPTIONS:")[1].split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.drop { $0 == " " }
                guard trimmed.hasPrefix("--") else { return nil }
                return String(trimmed.prefix { $0 != " " && $0 != "," })
            }
            return (command, options)
        }
    }

    @Test("every subcommand and option of --help is in the manual page and the completion; the generators stay hidden")
    func coverage() throws {
        let declarations = try helpDeclarations()
        let page = try ordersync("generate-manpage")
        let completion = try ordersync("generate-completion", "bash")
        for (command, options) in declarations {
            let roffCommand = command.replacingOccurrences(of: "-", with: "\\-")
            #expect(page.contains(".SS \"ordersync \(roffCommand)"), "man page lacks \(command)")
            let firstWords = completion.split(separator: "\n").first { $0.contains("compgen -W \"") }?
                .components(separatedBy: "compgen -W \"")[1].prefix { $0 != "\"" }.split(separator: " ") ?? []
            #expect(firstWords.contains(Substring(command)), "completion lacks \(command)")
            #expect(completion.contains("        \(command)) options=\""), "completion has no case for \(command)")
            for option in options {
                #expect(page.contains(".B " + option.replacingOccurrences(of: "-", with: "\\-")), "man page lacks \(command) \(option)")
                let caseLine = completion.split(separator: "\n").first { $0.hasPrefix("        \(command)) ") } ?? ""
                #expect(caseLine.contains(option + " ") || caseLine.contains(option + "\""), "completion of \(command) lacks \(option)")
            }
        }
        let help = try ordersync("--help")
        #expect(!help.contains("generate-manpage") && !help.contains("generate-completion"), "the generators are not in the list")
        let refused = try ExternalTool.run(OrderSyncProcess.binary, ["generate-completion", "zsh"])
        #expect(refused.status == 64 && refused.err.contains("unsupported shell 'zsh' (supported: bash)"), "\(refused.err)")
    }

    @Test("the manual page renders with no groff or man warning", .enabled(if: groff != nil || ExternalTool.isCI))
    func rendersCleanly() async throws {
        let groff = try #require(Self.groff, "groff is missing: scripts/setup installs it (package groff-base)")
        try await withTemporaryDirectory { directory in
            let path = directory + "/ordersync.1"
            try Data(try ordersync("generate-manpage").utf8).write(to: URL(fileURLWithPath: path))
            // -ww: every warning; -z: no output, only the diagnostics.
            let rendered = try ExternalTool.run(groff, ["-ww", "-z", "-man", "-Tutf8", path])
            #expect(rendered.status == 0 && rendered.err.isEmpty, "groff: \(rendered.err)")
            let text = try ExternalTool.run(groff, ["-man", "-Tutf8", "-P", "-cbou", path], environment: ["PATH": "/usr/bin:/bin"])
            #expect(text.out.contains("SUBCOMMANDS") && text.out.contains("ordersync backfill"), "\(text.out.prefix(400))")
            #expect(text.out.contains("--config"), "an option as typed, with ASCII hyphens")
            if let man = Self.man {
                let viaMan = try ExternalTool.run(man, ["--warnings", "-l", path], environment: ["PATH": "/usr/bin:/bin", "MANPAGER": "cat", "MANWIDTH": "80"])
                #expect(viaMan.status == 0 && viaMan.err.isEmpty, "man --warnings: \(viaMan.err)")
            }
        }
    }

    @Test("bash completes a subcommand, an option, and a path after --config", .enabled(if: bash != nil || ExternalTool.isCI))
    func bashCompletes() async throws {
        let bash = try #require(Self.bash, "bash is missing")
        try await withTemporaryDirectory { directory in
            let script = directory + "/ordersync.bash"
            try Data(try ordersync("generate-completion", "bash").utf8).write(to: URL(fileURLWithPath: script))
            try Data("{}".utf8).write(to: URL(fileURLWithPath: directory + "/config-test.json"))
            func complete(_ words: [String]) throws -> [String] {
                let quoted = words.map { "'\($0)'" }.joined(separator: " ")
                let program = """
                    source "$1"
                    complete -p ordersync
                    COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMPREPLY=()
                    _ordersync
                    printf 'reply:%s\\n' "${COMPREPLY[@]}"
                    """
                let result = try ExternalTool.run(bash, ["--norc", "--noprofile", "-c", program, "bash", script], directory: directory)
                #expect(result.status == 0 && result.err.isEmpty, "bash: \(result.err)")
                #expect(result.out.contains("complete -o filenames -F _ordersync ordersync"), "\(result.out)")
                return result.out.split(separator: "\n").filter { $0.hasPrefix("reply:") }.map { String($0.dropFirst(6)) }.filter { !$0.isEmpty }
            }
            #expect(try complete(["ordersync", "back"]) == ["backfill"])
            #expect(try Set(complete(["ordersync", "re"])) == ["resync", "reset"])
            #expect(try complete(["ordersync", "backfill", "--sin"]) == ["--since"])
            #expect(try complete(["ordersync", "status", "--j"]) == ["--json"])
            #expect(try complete(["ordersync", "run", "--config", "config-t"]) == ["config-test.json"])
            #expect(try complete(["ordersync", "status", "--source", "x"]) == [], "a source name is not a file")
        }
    }
}

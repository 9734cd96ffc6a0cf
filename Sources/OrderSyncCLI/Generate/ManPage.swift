import OrderSyncCore

/// `ordersync(1)` in roff (man macros), written from the same `CommandSpec`s that drive
/// `--help` and parsing, so the manual cannot list an option the parser refuses, or miss one.
enum ManPage {
    /// The page for `commands`; no date in `.TH`, so the same build gives the same bytes
    /// (Debian's reproducible-builds rule; the version says which build it describes).
    static func render(overview: String, commands: [CommandSpec], version: String) -> String {
        var page = """
            .TH ORDERSYNC 1 "" "ordersync \(escape(version))" "User Commands"
            .SH NAME
            ordersync \\- \(escape(lowercasedFirst(overview)))
            .SH SYNOPSIS
            .B ordersync
            .I subcommand
            .RI [ options ]
            .br
            .B ordersync \\-\\-version
            .br
            .B ordersync
            .RI [ subcommand ]
            .B \\-\\-help
            .SH DESCRIPTION
            \(escape(overview))
            It runs as a systemd service
            .RB ( "ordersync run" ),
            as a resumable
            .BR "ordersync backfill" ,
            and answers
            .B \\-\\-help
            for every subcommand with the text of this page.

            """
        page += ".SH SUBCOMMANDS\n"
        for command in commands {
            page += ".SS \"\(escape(command.usageLine))\"\n"
            page += paragraph(command.abstract)
            if let discussion = command.discussion {
                page += ".PP\n" + paragraph(discussion)
            }
            for option in command.options {
                page += ".TP\n"
                page += ".B \\-\\-\(escape(option.name))" + (option.valueName.map { " \" \"\\fI\(escape($0))\\fR" } ?? "") + "\n"
                page += paragraph(option.help)
            }
            page += ".TP\n.B \\-h \\-\\-help\nShow help information.\n"
        }
        page += """
            .SH EXIT STATUS
            .TP
            .B 0
            Success.
            .TP
            .B 1
            Failure (for \\fBstatus\\fR: a source is unhealthy).
            .TP
            .B 64
            Usage error: an unknown subcommand, option or argument.
            .TP
            .B 75
            Incomplete: stopped before the work was done; run it again to resume.
            .TP
            .B 78
            Configuration error.
            .SH ENVIRONMENT
            .TP
            .B ORDERSYNC_CONFIG
            The configuration file when \\fB\\-\\-config\\fR is not given.
            .SH FILES
            .TP
            .I /etc/ordersync/config.json
            The configuration (no secrets: those come from credentials or the environment).
            .TP
            .I /var/lib/ordersync/orders.db
            The SQLite database of the packaged service (systemd's \\fBStateDirectory=\\fR).
            .SH SEE ALSO
            .BR systemctl (1),
            .BR sqlite3 (1),
            .BR systemd.exec (5);
            .I /usr/share/doc/ordersync/README.md

            """
        return page
    }

    /// One block of running text: a blank line starts a new paragraph, and a line that would
    /// start with a control character is guarded so roff prints it.
    static func paragraph(_ text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingPrefix(while: { $0 == " " })
            if trimmed.isEmpty {
                out += ".PP\n"
            } else {
                let escaped = escape(String(trimmed))
                out += (escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" : "") + escaped + "\n"
            }
        }
        return out
    }

    /// Backslashes, hyphens (roff's hyphen is not the minus sign options are typed with) and
    /// double quotes inside macro arguments.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text.replacing("\\", with: "\\e").replacing("-", with: "\\-").replacing("\"", with: "\\(dq") {
            out += character.isASCII ? String(character) : (nonASCII[character] ?? "?")
        }
        return out
    }

    /// roff input is ASCII: the help texts' few typographic characters, as roff names them
    /// (each renders on the ASCII, Latin-1 and UTF-8 devices without a warning).
    static let nonASCII: [Character: String] = [
        "…": "\\&...", "→": "\\(->", "←": "\\(<-", "×": "\\(mu", "—": "\\(em", "–": "\\(en",
        "≤": "\\(<=", "≥": "\\(>=", "’": "\\(aq", "‘": "\\(aq", "“": "\\(dq", "”": "\\(dq", "é": "\\(e'",
    ]

    private static func lowercasedFirst(_ text: String) -> String {
        var text = text
        if text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

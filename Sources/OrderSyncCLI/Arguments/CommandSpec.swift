/// The declaration of one command: what it does and which options it takes. Help text and
/// parsing both come from it, so they cannot disagree.
public struct CommandSpec: Sendable {
    public struct Option: Sendable {
        public var name: String
        /// The placeholder shown in help (`path`); nil for a flag that takes no value.
        public var valueName: String?
        public var help: String

        public static func value(_ name: String, _ valueName: String, _ help: String) -> Option {
            Option(name: name, valueName: valueName, help: help)
        }

        public static func flag(_ name: String, _ help: String) -> Option {
            Option(name: name, valueName: nil, help: help)
        }
    }

    public var name: String
    public var abstract: String
    public var discussion: String?
    public var options: [Option]
    /// Names of the positional arguments the command takes, in order (most take none).
    public var arguments: [String] = []
    /// The usage line after `ordersync <name>`; derived from the options when nil.
    public var usage: String?

    public init(name: String, abstract: String, discussion: String? = nil, options: [Option], usage: String? = nil) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.usage = usage
    }

    var usageLine: String {
        let tail = usage ?? options.map { option in
            option.valueName.map { "[--\(option.name) <\($0)>]" } ?? "[--\(option.name)]"
        }.joined(separator: " ")
        return "ordersync \(name)" + (tail.isEmpty ? "" : " \(tail)")
    }

    /// `OVERVIEW / USAGE / OPTIONS`, as swift-argument-parser lays it out.
    public var helpText: String {
        var text = "OVERVIEW: \(abstract)\n"
        if let discussion { text += "\n\(discussion)\n" }
        text += "\nUSAGE: \(usageLine)\n\nOPTIONS:\n"
        let rows = options.map { option in
            ("--\(option.name)" + (option.valueName.map { " <\($0)>" } ?? ""), option.help)
        } + [("-h, --help", "Show help information.")]
        let width = min(28, (rows.map(\.0.count).max() ?? 0) + 2)
        for (label, help) in rows {
            let padding = label.count < width ? String(repeating: " ", count: width - label.count) : "\n" + String(repeating: " ", count: width + 2)
            text += "  \(label)\(padding)\(help)\n"
        }
        return text
    }
}

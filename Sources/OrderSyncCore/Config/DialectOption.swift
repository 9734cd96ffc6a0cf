/// One setting a dialect reads from a source's `options`, declared as data: the configuration
/// loader validates every source's options against the declarations in the same pass as the
/// rest of the file, the adapter reads typed values (`DialectOptionValues`), and a test checks
/// the option table of the dialect's page in `docs/dialects/` against them.
public struct DialectOption: Sendable, Equatable {
    /// What a value must be.
    public enum Kind: Sendable, Equatable {
        /// An integral JSON number (`3600`, not `"3600"` or `3600.5`) within the range.
        case integer(ClosedRange<Int>)
        /// A JSON number above 0 and at most 1 (`0.9`).
        case fraction
        case boolean
        /// One of these strings.
        case choice([String])
        /// A URL query parameter name: 1 to 64 ASCII letters, digits, `_`, `-`, `.`.
        case parameterName
        /// A non-empty string.
        case text
        /// Any JSON number, kept as written.
        case number
    }

    /// The key under `options`, e.g. `invoice_window_days`.
    public let key: String
    public let kind: Kind
    /// The value used when the key is absent, as JSON (`60`, `true`, `"by_id"`).
    public let defaultValue: JSONValue
    /// One line for the docs' option table.
    public let summary: String

    public init(_ key: String, _ kind: Kind, default defaultValue: JSONValue, _ summary: String) {
        self.key = key
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// What the kind accepts, as an error message says it (`an integer from 1 to 3650`).
    public var expectation: String {
        switch kind {
        case .integer(let range): ConfigReader.describe(range)
        case .fraction: "a number above 0 and at most 1 (e.g. 0.9)"
        case .boolean: "true or false"
        case .choice(let values): "one of \(values.joined(separator: ", "))"
        case .parameterName: "a query parameter name such as \"filter\" (letters, digits, '_', '-', '.')"
        case .text: "a non-empty string"
        case .number: "a number"
        }
    }

    /// Whether `value` is acceptable.
    public func accepts(_ value: JSONValue) -> Bool {
        switch (kind, value) {
        case (.integer(let range), .number(let literal)):
            ConfigReader.isIntegral(literal) && Int(literal).map(range.contains) == true
        case (.fraction, .number(let literal)):
            Double(literal).map { $0.isFinite && $0 > 0 && $0 <= 1 } == true
        case (.boolean, .bool): true
        case (.choice(let values), .string(let text)): values.contains(text)
        case (.parameterName, .string(let text)): Self.isParameterName(text)
        case (.text, .string(let text)): !text.isEmpty
        case (.number, .number(let literal)): Double(literal)?.isFinite == true
        default: false
        }
    }

    /// 1 to 64 ASCII letters, digits, `_`, `-`, `.`: nothing that would need escaping in a query
    /// or could smuggle in brackets of its own.
    public static func isParameterName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    /// Every problem of `options` against `declared`, with paths relative to the source
    /// (`options.invoice_window_days`): unknown keys (with a "did you mean" where one is close),
    /// repeated keys, and values of the wrong kind or out of range.
    public static func problems(in options: JSONObject, declared: [DialectOption], dialect: String) -> [ConfigError] {
        let known = declared.map(\.key)
        var problems: [ConfigError] = []
        var seen: Set<String> = []
        for member in options.members {
            let path = ConfigFields.join("options", freeKey: member.key)
            guard let option = declared.first(where: { $0.key == member.key }) else {
                var message = "unknown \(dialect) option"
                if let guess = KeySuggestion.closest(to: member.key, among: known) { message += "; did you mean \"\(guess)\"?" }
                message += known.isEmpty ? "; \(dialect) has no options" : " (known options: \(known.joined(separator: ", ")))"
                // A common setting put one level too deep (`options.page_size`).
                if let setting = KeySuggestion.closest(to: member.key, among: ConfigReader.sourceKeys.filter({ $0 != "options" })) {
                    message += "; did you mean the source setting \"\(setting)\", beside \"options\"?"
                }
                problems.append(ConfigError(path: path, message: message))
                continue
            }
            guard seen.insert(member.key).inserted else {
                problems.append(ConfigError(path: path, message: "duplicate key; give it once"))
                continue
            }
            if !option.accepts(member.value) {
                problems.append(ConfigError(path: path,
                                            message: "expected \(option.expectation), got \(ConfigReader.show(member.value))"))
            }
        }
        return problems
    }
}

/// A source setting a dialect cannot honour, declared by the dialect so `check-config` can say
/// so (`sources[3].page_size: formations' server fixes its page size; the value is ignored`).
public struct IgnoredSetting: Sendable, Equatable {
    /// The key of the source object, e.g. `page_size`.
    public let key: String
    /// Why, as the warning says it.
    public let reason: String

    public init(_ key: String, _ reason: String) {
        self.key = key
        self.reason = reason
    }
}

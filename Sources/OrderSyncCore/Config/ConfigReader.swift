import FoundationEssentials

/// Walks a parsed configuration document and records every problem instead of stopping at the
/// first, so one `check-config` run lists all there is to fix.
///
/// Accessors return nil for a value that is absent or wrong; a wrong one has been reported by
/// then, so callers may fall back to a default freely: any report fails the load.
struct ConfigReader {
    let environment: [String: String]
    let dialects: [DialectRequirements]
    let now: Date
    /// Where relative `*_file` paths fall back to: the configuration file's directory.
    let baseDirectory: String
    /// False for commands that never talk upstream (`status`): `*_env` and `*_file` secrets are
    /// then checked for shape only, so they need not be readable where the command runs.
    var resolveSecrets = true
    /// Disabled sources whose secrets are resolved all the same: the ones a command was told
    /// to use by name (`run --once --source`, `backfill --source`, …).
    var resolvingDisabled: Set<String> = []
    private(set) var problems: [ConfigError] = []
    /// Risky but valid settings, as `path: message` lines (see `Configuration.warnings`).
    private(set) var warnings: [String] = []
    /// Source names seen so far, with the index of the source that used each first.
    var sourceNames: [String: Int] = [:]

    init(environment: [String: String], dialects: [DialectRequirements], now: Date, baseDirectory: String) {
        self.environment = environment
        self.dialects = dialects
        self.now = now
        self.baseDirectory = baseDirectory
    }

    mutating func report(_ path: String, _ message: String) {
        problems.append(ConfigError(path: path, message: message))
    }

    mutating func warn(_ path: String, _ message: String) {
        warnings.append(path.isEmpty ? message : "\(path): \(message)")
    }

    /// The members of an object, after reporting unknown keys (with a suggestion) and repeated ones.
    mutating func fields(of value: JSONValue, at path: String, allowed: [String], sensitive: Bool = false)
        -> ConfigFields?
    {
        guard case .object(let object) = value else {
            report(path, "expected an object, got \(Self.show(value, sensitive: sensitive))")
            return nil
        }
        var values: [String: JSONValue] = [:]
        for member in object.members {
            let memberPath = ConfigFields.join(path, member.key)
            if !allowed.contains(member.key) {
                var message = "unknown key"
                if let suggestion = KeySuggestion.closest(to: member.key, among: allowed) {
                    message += "; did you mean \"\(suggestion)\"?"
                } else {
                    message += "; known keys are \(allowed.joined(separator: ", "))"
                }
                report(memberPath, message)
            } else if values[member.key] != nil {
                report(memberPath, "duplicate key; give it once")
            } else {
                values[member.key] = member.value
            }
        }
        return ConfigFields(path: path, values: values)
    }

    /// A non-empty string. `sensitive` keeps the offending value out of the message.
    mutating func string(_ key: String, in fields: ConfigFields, required: Bool = false, sensitive: Bool = false)
        -> String?
    {
        guard let value = present(key, in: fields, required: required) else { return nil }
        guard case .string(let text) = value else {
            report(fields.path(of: key), "expected a string, got \(Self.show(value, sensitive: sensitive))")
            return nil
        }
        guard !text.isEmpty else {
            report(fields.path(of: key), "expected a non-empty string, got \"\"")
            return nil
        }
        return text
    }

    mutating func bool(_ key: String, in fields: ConfigFields) -> Bool? {
        guard let value = present(key, in: fields, required: false) else { return nil }
        guard case .bool(let flag) = value else {
            report(fields.path(of: key), "expected a boolean, got \(Self.show(value))")
            return nil
        }
        return flag
    }

    /// An integer written as an integral literal (`10`, not `10.0`, `1e1` or `"10"`) within `range`.
    mutating func integer(_ key: String, in fields: ConfigFields, range: ClosedRange<Int>, required: Bool = false)
        -> Int?
    {
        guard let value = present(key, in: fields, required: required) else { return nil }
        if case .number(let literal) = value, Self.isIntegral(literal), let number = Int(literal),
            range.contains(number)
        {
            return number
        }
        report(fields.path(of: key), "expected \(Self.describe(range)), got \(Self.show(value))")
        return nil
    }

    /// A finite number greater than zero; a fraction is allowed (`0.5`).
    mutating func positiveNumber(_ key: String, in fields: ConfigFields) -> Double? {
        guard let value = present(key, in: fields, required: false) else { return nil }
        if case .number(let literal) = value, let number = Double(literal), number.isFinite, number > 0 {
            return number
        }
        report(fields.path(of: key), "expected a number greater than 0, got \(Self.show(value))")
        return nil
    }

    mutating func object(_ key: String, in fields: ConfigFields) -> JSONObject? {
        guard let value = present(key, in: fields, required: false) else { return nil }
        guard case .object(let object) = value else {
            report(fields.path(of: key), "expected an object, got \(Self.show(value))")
            return nil
        }
        return object
    }

    /// The value of `key`, reporting it as missing when it is required and absent.
    mutating func present(_ key: String, in fields: ConfigFields, required: Bool) -> JSONValue? {
        guard let value = fields[key] else {
            if required { report(fields.path(of: key), "required key missing") }
            return nil
        }
        return value
    }

    /// A compact rendering of an offending value: strings quoted and cut short, containers by
    /// kind. A sensitive value shows only its kind, so a misplaced secret is never echoed.
    static func show(_ value: JSONValue, sensitive: Bool = false) -> String {
        switch value {
        case .string(let text) where !sensitive:
            let cut = text.count > 60 ? String(text.prefix(57)) + "..." : text
            return JSONValue.string(cut).serialized
        case .number(let literal) where !sensitive: return literal
        case .bool(let flag) where !sensitive: return flag ? "true" : "false"
        case .null: return "null"
        default: return value.kindName
        }
    }

    static func isIntegral(_ literal: String) -> Bool {
        let digits = literal.hasPrefix("-") ? literal.dropFirst() : literal[...]
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        switch (range.lowerBound, range.upperBound) {
        case (1, Int.max): "a positive integer"
        case (0, Int.max): "a non-negative integer"
        case (let low, Int.max): "an integer of at least \(low)"
        case (let low, let high): "an integer from \(low) to \(high)"
        }
    }
}

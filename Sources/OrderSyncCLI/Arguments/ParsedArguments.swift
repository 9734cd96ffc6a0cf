/// Options and flags given to one command, checked against its `CommandSpec`.
/// Accepts `--opt value`, `--opt=value`, `--` to end options, and as many positional arguments
/// as the spec names (`rates import FILE`).
public struct ParsedArguments: Sendable, Equatable {
    public private(set) var values: [String: String] = [:]
    /// Every value of an option given more than once, in order (`--order 1 --order 2`).
    public private(set) var allValues: [String: [String]] = [:]
    /// Positional arguments in order, at most as many as `CommandSpec.arguments` names.
    public private(set) var positionals: [String] = []
    public private(set) var flags: Set<String> = []
    public private(set) var wantsHelp = false

    public init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                for rest in arguments[index...] { try addPositional(rest, spec: spec) }
                break
            }
            if argument == "-h" || argument == "--help" {
                wantsHelp = true
                continue
            }
            guard argument.hasPrefix("--") else {
                try addPositional(argument, spec: spec)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = spec.options.first(where: { $0.name == name }) else {
                throw UsageError("unknown option '--\(name)'", spec: spec)
            }
            if option.valueName == nil {
                guard inlineValue == nil else { throw UsageError("option '--\(name)' takes no value", spec: spec) }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw UsageError("missing value for '--\(name) <\(option.valueName!)>'", spec: spec)
                }
                value = arguments[index]
                index += 1
            }
            values[name] = value
            allValues[name, default: []].append(value)
        }
    }

    private mutating func addPositional(_ argument: String, spec: CommandSpec) throws(UsageError) {
        guard positionals.count < spec.arguments.count else { throw UsageError("unexpected argument '\(argument)'", spec: spec) }
        positionals.append(argument)
    }

    public func value(_ name: String) -> String? { values[name] }

    /// Every value given for a repeatable option.
    public func values(_ name: String) -> [String] { allValues[name] ?? [] }

    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// An integer option, or `fallback` when absent.
    public func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>, spec: CommandSpec) throws(UsageError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("'--\(name)' expects an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'", spec: spec)
        }
        return number
    }
}

/// A command line that does not fit the command: printed with the usage, exit 64.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var usage: String
    public var command: String

    public init(_ message: String, spec: CommandSpec) {
        self.message = message
        self.usage = spec.usageLine
        self.command = spec.name
    }

    public init(_ message: String, usage: String, command: String) {
        self.message = message
        self.usage = usage
        self.command = command
    }

    public var description: String {
        "Error: \(message)\nUsage: \(usage)\n  See 'ordersync \(command.isEmpty ? "" : command + " ")--help' for more information."
    }
}

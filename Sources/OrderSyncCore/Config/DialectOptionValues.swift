/// A source's `options`, read through its dialect's declarations: the typed value of a key, or
/// its declared default when absent. Built from options the loader (or `validated`) has checked,
/// so reading never fails.
public struct DialectOptionValues: Sendable, Equatable {
    public let declared: [DialectOption]
    public let options: JSONObject

    /// Checks `options` against `declared` (every problem at once, paths relative to the source).
    public static func validated(_ options: JSONObject, declared: [DialectOption], dialect: String)
        throws(ConfigError) -> DialectOptionValues
    {
        if let error = ConfigError.combining(DialectOption.problems(in: options, declared: declared, dialect: dialect)) {
            throw error
        }
        return DialectOptionValues(declared: declared, options: options)
    }

    private func value(_ key: String) -> JSONValue {
        guard let option = declared.first(where: { $0.key == key }) else {
            preconditionFailure("option `\(key)` is not declared")
        }
        return options[key] ?? option.defaultValue
    }

    public func integer(_ key: String) -> Int {
        guard case .number(let literal) = value(key), let number = Int(literal) else { preconditionFailure("`\(key)` is no integer") }
        return number
    }

    public func double(_ key: String) -> Double {
        guard case .number(let literal) = value(key), let number = Double(literal) else { preconditionFailure("`\(key)` is no number") }
        return number
    }

    public func bool(_ key: String) -> Bool {
        guard case .bool(let flag) = value(key) else { preconditionFailure("`\(key)` is no boolean") }
        return flag
    }

    public func string(_ key: String) -> String {
        guard case .string(let text) = value(key) else { preconditionFailure("`\(key)` is no string") }
        return text
    }
}

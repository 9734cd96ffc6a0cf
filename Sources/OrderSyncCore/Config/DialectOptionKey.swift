/// One dialect option declared once: its key, kind and range, typed default and help line in one
/// value, from which come the loader's validation (`declaration`), the adapter's typed read
/// (`DialectOptionValues[key]`) and the docs' option table (checked by a test against
/// `declaration`). The key is written once, so a read of an undeclared or misspelt key is not a
/// runtime `preconditionFailure` but a name the compiler does not know.
///
/// ```swift
/// static let region = DialectOptionKey.choice("region", ["eu", "us"], default: "eu", "which regional endpoint")
/// static let declarations = [region.declaration]
/// var region: String { values[Self.region] }
/// ```
public struct DialectOptionKey<Value: Sendable>: Sendable {
    /// What the configuration loader validates and the docs show.
    public let declaration: DialectOption
    /// The value when the source does not set the key.
    public let defaultValue: Value
    /// The typed value of a JSON value the declaration accepted.
    let decode: @Sendable (JSONValue) -> Value?

    init(_ declaration: DialectOption, default defaultValue: Value, decode: @escaping @Sendable (JSONValue) -> Value?) {
        self.declaration = declaration
        self.defaultValue = defaultValue
        self.decode = decode
    }

    public var key: String { declaration.key }
}

extension DialectOptionKey where Value == Int {
    /// An integral JSON number within `range`.
    public static func integer(_ key: String, _ range: ClosedRange<Int>, default value: Int, _ summary: String) -> Self {
        Self(DialectOption(key, .integer(range), default: .number(String(value)), summary), default: value) { json in
            if case .number(let literal) = json { return Int(literal) }
            return nil
        }
    }
}

extension DialectOptionKey where Value == Double {
    /// A JSON number above 0 and at most 1; the default is written as `literal` (`"0.9"`), the
    /// way the docs show it, so no binary rounding reaches the page.
    public static func fraction(_ key: String, default literal: String, _ summary: String) -> Self {
        Self(DialectOption(key, .fraction, default: .number(literal), summary), default: Double(literal) ?? 1) { json in
            if case .number(let text) = json { return Double(text) }
            return nil
        }
    }
}

extension DialectOptionKey where Value == Bool {
    public static func boolean(_ key: String, default value: Bool, _ summary: String) -> Self {
        Self(DialectOption(key, .boolean, default: .bool(value), summary), default: value) { json in
            if case .bool(let flag) = json { return flag }
            return nil
        }
    }
}

extension DialectOptionKey where Value == String {
    /// One of `values`.
    public static func choice(_ key: String, _ values: [String], default value: String, _ summary: String) -> Self {
        text(DialectOption(key, .choice(values), default: .string(value), summary), default: value)
    }

    /// A URL query parameter name (`DialectOption.isParameterName`).
    public static func parameterName(_ key: String, default value: String, _ summary: String) -> Self {
        text(DialectOption(key, .parameterName, default: .string(value), summary), default: value)
    }

    private static func text(_ declaration: DialectOption, default value: String) -> Self {
        Self(declaration, default: value) { json in
            if case .string(let text) = json { return text }
            return nil
        }
    }
}

extension DialectOptionValues {
    /// The typed value of `key`: the source's, or the declared default when it sets none. The
    /// loader checked the value against the same declaration, so a value that does not decode
    /// cannot reach here; the default stands in rather than stopping the daemon.
    public subscript<Value>(key: DialectOptionKey<Value>) -> Value {
        options[key.key].flatMap(key.decode) ?? key.defaultValue
    }
}

/// A source's `options`, read through its dialect's declarations: the typed value of a key, or
/// its declared default when absent (`values[SomeOptions.key]`, `DialectOptionKey`). Built from
/// options the loader (or `validated`) has checked, so reading never fails.
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
}

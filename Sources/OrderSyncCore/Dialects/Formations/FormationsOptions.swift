/// The `formations` settings under a source's `options`, each declared once as a `DialectOptionKey`.
struct FormationsOptions: Sendable, Equatable {
    static let filter = DialectOptionKey.parameterName(
        "filter_param", default: "filter",
        "the name in front of `[createdFrom]`, `[statuses]`, … (the docs' example spells it `filters`)")

    static let declarations = [filter.declaration]

    /// The server answers a fixed page size whatever is asked.
    static let ignoredSettings = [IgnoredSetting("page_size", "formations' server fixes its page size; the value is ignored")]

    /// `options.filter_param`: the name in front of `[createdFrom]`, `[statuses]`, …
    var filterParameter: String

    init(_ values: DialectOptionValues) {
        filterParameter = values[Self.filter]
    }
}

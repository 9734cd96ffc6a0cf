/// The `formations` settings under a source's `options`, declared as data and read typed.
struct FormationsOptions: Sendable, Equatable {
    static let defaultFilterParameter = "filter"

    static let declarations = [
        DialectOption("filter_param", .parameterName, default: .string(defaultFilterParameter),
                      "the name in front of `[createdFrom]`, `[statuses]`, … (the docs' example spells it `filters`)"),
    ]

    /// The server answers a fixed page size whatever is asked.
    static let ignoredSettings = [IgnoredSetting("page_size", "formations' server fixes its page size; the value is ignored")]

    /// `options.filter_param`: the name in front of `[createdFrom]`, `[statuses]`, …
    var filterParameter: String

    init(_ values: DialectOptionValues) {
        filterParameter = values.string("filter_param")
    }
}

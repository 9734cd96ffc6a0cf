/// The source settings the formations dialect reads beyond the common ones, validated once.
struct FormationsOptions: Sendable, Equatable {
    static let keys = ["filter_param"]
    static let defaultFilterParameter = "filter"

    /// `options.filter_param`: the name in front of `[createdFrom]`, `[statuses]`, …
    var filterParameter = Self.defaultFilterParameter

    init(_ options: JSONObject) throws(ConfigError) {
        for key in options.keys where !Self.keys.contains(key) {
            var message = "unknown formations option; known options: \(Self.keys.joined(separator: ", "))"
            if let suggestion = KeySuggestion.closest(to: key, among: Self.keys) {
                message += "; did you mean \"\(suggestion)\"?"
            }
            throw ConfigError(path: ConfigFields.join("options", freeKey: key), message: message)
        }
        if let value = options["filter_param"] {
            guard case .string(let name) = value, Self.isParameterName(name) else {
                throw ConfigError(
                    path: "options.filter_param",
                    message: "expected a query parameter name such as \"filter\" (letters, digits, '_', '-', '.'), got \(value.serialized)")
            }
            filterParameter = name
        }
    }

    /// 1 to 64 ASCII letters, digits, `_`, `-`, `.`: nothing that would need escaping or
    /// could smuggle in brackets of its own.
    static func isParameterName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }
}

/// What is wrong with a configuration file, and where: `path` is the key path of the offending
/// value (`sources[2].page_size`), empty for problems with the file as a whole.
///
/// Loading reports every problem it finds, not only the first: the first is this value's
/// `path` and `message`, the rest are in `additional`, in the order they were found.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key path of the offending value, e.g. `sources[0].auth.token_env`; "" for the file.
    public var path: String
    /// What is wrong, and where useful what to do; never contains a secret.
    public var message: String
    /// Further problems found in the same file, in the order they were found.
    public var additional: [ConfigError]

    /// A problem at `path` ("" for the file as a whole).
    public init(path: String, message: String, additional: [ConfigError] = []) {
        self.path = path
        self.message = message
        self.additional = additional
    }

    /// Every problem, this one first, each without further nesting.
    public var all: [ConfigError] {
        [ConfigError(path: path, message: message)] + additional.flatMap(\.all)
    }

    /// One problem per line: `sources[2].page_size: expected a positive integer, got "ten"`.
    public var description: String {
        all.map(\.line).joined(separator: "\n")
    }

    private var line: String {
        path.isEmpty ? message : "\(path): \(message)"
    }

    /// The problems as one error: the first carries the rest. Nil when there are none.
    static func combining(_ problems: [ConfigError]) -> ConfigError? {
        guard var first = problems.first else { return nil }
        first.additional += problems.dropFirst()
        return first
    }
}

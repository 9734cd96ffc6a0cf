import FoundationEssentials
import PlatformSupport

/// Reads and validates the configuration file. Parsing goes through `JSONValue` rather than
/// `Codable` so every problem can name its exact key path and tell a string from a number.
public enum ConfigLoader {
    /// Loads the file at `path`; relative `*_file` secrets not in `$CREDENTIALS_DIRECTORY` are
    /// looked up next to it, and a relative `database` is the file next to it. `now` sets the
    /// default `start_date` (30 days back). A disabled source's secrets are resolved only when
    /// it is in `resolvingDisabled` (a command told to use it by name).
    public static func load(
        path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        dialects: [DialectRequirements],
        now: Date = Date(),
        resolveSecrets: Bool = true,
        resolvingDisabled: Set<String> = []
    ) throws(ConfigError) -> Configuration {
        let bytes: [UInt8]
        switch FileBytes.read(atPath: path) {
        case .success(let contents): bytes = contents
        case .failure(let failure): throw ConfigError(path: "", message: "cannot read \(path): \(failure.reason)")
        }
        let directory = path.parentDirectory
        return try parse(
            bytes: bytes, environment: environment, dialects: dialects, now: now,
            baseDirectory: directory.isEmpty ? "." : directory, configPath: path, resolveSecrets: resolveSecrets,
            resolvingDisabled: resolvingDisabled)
    }

    /// Validates configuration text; relative `*_file` secrets fall back to `baseDirectory`.
    public static func parse(
        text: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        dialects: [DialectRequirements],
        now: Date = Date(),
        baseDirectory: String
    ) throws(ConfigError) -> Configuration {
        try parse(
            bytes: Array(text.utf8), environment: environment, dialects: dialects, now: now,
            baseDirectory: baseDirectory, configPath: nil, resolveSecrets: true)
    }

    static func parse(
        bytes: [UInt8],
        environment: [String: String],
        dialects: [DialectRequirements],
        now: Date,
        baseDirectory: String,
        configPath: String?,
        resolveSecrets: Bool,
        resolvingDisabled: Set<String> = []
    ) throws(ConfigError) -> Configuration {
        // Some Windows editors start UTF-8 files with a byte order mark; JSON does not allow one.
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes)
        } catch {
            var problem = syntaxError(error, in: bytes)
            // Which file, too: a daemon's log or a CI job shows the message without the command.
            if let configPath { problem.message = "\(configPath): \(problem.message)" }
            throw problem
        }
        var reader = ConfigReader(
            environment: environment, dialects: dialects, now: now, baseDirectory: baseDirectory)
        reader.resolveSecrets = resolveSecrets
        reader.resolvingDisabled = resolvingDisabled
        let configuration = reader.readConfiguration(document, configPath: configPath)
        if let error = ConfigError.combining(reader.problems) { throw error }
        guard var configuration else {
            // Unreachable: the reader returns nil only after reporting; kept so a slip there fails loudly.
            throw ConfigError(path: "", message: "the configuration is invalid")
        }
        configuration.warnings = reader.warnings
        return configuration
    }

    /// A JSON syntax error placed by line and column, which is how editors navigate.
    static func syntaxError(_ error: JSONParseError, in bytes: [UInt8]) -> ConfigError {
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            return ConfigError(path: "", message: "the configuration is empty; expected a JSON object")
        }
        let offset = min(max(error.offset, 0), bytes.count)
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return ConfigError(path: "", message: "invalid JSON at line \(line), column \(column): \(error.reason)")
    }
}

import FoundationEssentials

extension ConfigReader {
    static let rootKeys = ["database", "database_group_readable", "log_level", "log_format", "metrics", "sources", "reporting"]

    static let sourceKeys = [
        "name", "dialect", "base_url", "auth", "enabled", "poll_interval_seconds", "start_date", "page_size",
        "timezone", "currency", "status_map", "lookback_seconds", "slice_days", "verify_interval_hours", "http", "options",
    ]

    /// The whole document; nil when anything was reported.
    mutating func readConfiguration(_ root: JSONValue, configPath: String?) -> Configuration? {
        guard case .object = root else {
            report("", "the configuration must be a JSON object, got \(Self.show(root, sensitive: true))")
            return nil
        }
        guard let fields = fields(of: root, at: "", allowed: Self.rootKeys) else { return nil }
        let database = readDatabase(in: fields)
        let groupReadable = bool("database_group_readable", in: fields) ?? false
        let logLevel = readLogLevel(in: fields)
        let logFormat = readLogFormat(in: fields)
        let metrics = readMetrics(in: fields)
        let sources = readSources(in: fields)
        let reporting = readReporting(in: fields)
        guard problems.isEmpty, let database, let sources else { return nil }
        return Configuration(
            database: resolvedDatabase(database), databaseGroupReadable: groupReadable, logLevel: logLevel,
            sources: sources, reporting: reporting, configPath: configPath, logFormat: logFormat, metrics: metrics)
    }

    /// A relative `database` path means the file next to the configuration, like a relative
    /// `*_file` secret: the same file whatever directory a command is started from (systemd
    /// starts the daemon in `/`). A connection URI is left as written.
    func resolvedDatabase(_ database: String) -> String {
        guard !database.hasPrefix("/"), !database.contains("://") else { return database }
        let relative = database.hasPrefix("./") ? String(database.dropFirst(2)) : database
        return Self.joinPath(baseDirectory, relative)
    }

    private mutating func readLogLevel(in fields: ConfigFields) -> String {
        guard let level = string("log_level", in: fields) else { return "info" }
        guard Configuration.logLevels.contains(level) else {
            let known = Configuration.logLevels.joined(separator: ", ")
            report(fields.path(of: "log_level"), "unknown log level \(Self.quote(level)); expected one of \(known)")
            return "info"
        }
        return level
    }

    private mutating func readSources(in fields: ConfigFields) -> [SourceConfiguration]? {
        guard let value = present("sources", in: fields, required: true) else { return nil }
        guard case .array(let elements) = value else {
            report("sources", "expected an array of sources, got \(Self.show(value))")
            return nil
        }
        guard !elements.isEmpty else {
            report("sources", "expected at least one source, got an empty array")
            return nil
        }
        var sources: [SourceConfiguration] = []
        for (index, element) in elements.enumerated() {
            if let source = readSource(element, at: "sources[\(index)]", index: index) {
                sources.append(source)
            }
        }
        return sources.count == elements.count ? sources : nil
    }

    private mutating func readSource(_ value: JSONValue, at path: String, index: Int) -> SourceConfiguration? {
        guard let fields = fields(of: value, at: path, allowed: Self.sourceKeys) else { return nil }
        let name = readSourceName(in: fields, index: index)
        let dialect = readDialect(in: fields)
        let baseURL = readBaseURL(in: fields)
        let enabled = bool("enabled", in: fields) ?? true
        // A disabled source's secrets are checked for shape only: an operator disables a source
        // precisely while its credentials are not there yet (or are gone). A command that uses
        // it anyway (`--source NAME`) asks for them to be resolved (`resolvingDisabled`).
        let resolving = resolveSecrets
        if !enabled, !(name.map(resolvingDisabled.contains) ?? false) { resolveSecrets = false }
        let auth = readAuth(in: fields, dialect: dialect)
        resolveSecrets = resolving
        let pollInterval = integer("poll_interval_seconds", in: fields, range: 1...2_592_000) ?? 300
        let timezone = readTimeZone(in: fields)
        let startDate = readStartDate(in: fields, timezone: timezone)
        let pageSize = integer("page_size", in: fields, range: 1...Int.max)
        let currency = readCurrency(in: fields)
        let statusMap = readStatusMap(in: fields)
        let lookback = integer("lookback_seconds", in: fields, range: 0...31_536_000) ?? 86_400
        let sliceDays = integer("slice_days", in: fields, range: 1...3_660) ?? 30
        let verifyInterval = integer("verify_interval_hours", in: fields, range: 0...8_760) ?? 24
        let http = readHTTPSettings(in: fields)
        let options = object("options", in: fields) ?? JSONObject()
        var optionsValid = true
        if let dialect {
            for problem in DialectOption.problems(in: options, declared: dialect.options, dialect: dialect.name) {
                report(ConfigFields.join(fields.path, problem.path), problem.message)
                optionsValid = false
            }
            for ignored in dialect.ignoredSettings where fields.contains(ignored.key) {
                warn(fields.path(of: ignored.key), ignored.reason)
            }
        }
        guard let name, let dialect, let baseURL, let auth, let startDate else { return nil }
        let source = SourceConfiguration(
            name: name, dialect: dialect.name, baseURL: baseURL, auth: auth, enabled: enabled,
            pollIntervalSeconds: pollInterval, startDate: startDate.text, startDateWasDefaulted: startDate.defaulted,
            pageSize: pageSize, timezone: timezone, currency: currency, statusMap: statusMap,
            lookbackSeconds: lookback, sliceDays: sliceDays, verifyIntervalHours: verifyInterval, http: http, options: options)
        if optionsValid, let check = dialect.sourceCheck {
            do {
                try check(source)
            } catch {
                for problem in error.all { report(ConfigFields.join(fields.path, problem.path), problem.message) }
                return nil
            }
        }
        return source
    }

    private mutating func readSourceName(in fields: ConfigFields, index: Int) -> String? {
        guard let name = string("name", in: fields, required: true) else { return nil }
        guard Self.isValidSourceName(name) else {
            report(
                fields.path(of: "name"),
                "invalid source name \(Self.quote(name)); use 1 to 64 of a-z, 0-9, '_', '.', '-', "
                    + "starting with a letter or digit")
            return nil
        }
        if let first = sourceNames[name] {
            report(fields.path(of: "name"), "duplicate source name \(Self.quote(name)); sources[\(first)] has it too")
            return nil
        }
        sourceNames[name] = index
        return name
    }

    private mutating func readDialect(in fields: ConfigFields) -> DialectRequirements? {
        guard let name = string("dialect", in: fields, required: true) else { return nil }
        if let dialect = dialects.first(where: { $0.name == name }) { return dialect }
        let known = dialects.map(\.name)
        var message = "unknown dialect \(Self.quote(name))"
        message += known.isEmpty ? "; no dialects are available" : "; known dialects: \(known.joined(separator: ", "))"
        if let suggestion = KeySuggestion.closest(to: name, among: known) {
            message += "; did you mean \"\(suggestion)\"?"
        }
        report(fields.path(of: "dialect"), message)
        return nil
    }

    /// `^[a-z0-9][a-z0-9_.-]{0,63}$`: safe in file names, metrics and log fields.
    static func isValidSourceName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        let letters = UInt8(ascii: "a")...UInt8(ascii: "z"), digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        func isLowerAlphanumeric(_ byte: UInt8) -> Bool { letters.contains(byte) || digits.contains(byte) }
        let punctuation: Set<UInt8> = [UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-")]
        guard isLowerAlphanumeric(bytes[0]) else { return false }
        return bytes.dropFirst().allSatisfy { isLowerAlphanumeric($0) || punctuation.contains($0) }
    }

    /// A user's text in a message, JSON-quoted so blanks and control characters are visible.
    static func quote(_ text: String) -> String {
        show(.string(text))
    }
}

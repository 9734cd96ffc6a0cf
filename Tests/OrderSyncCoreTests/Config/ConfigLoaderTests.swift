import Foundation
import Testing

@testable import OrderSyncCore

@Suite("Config: loading, structure and types")
struct ConfigLoaderTests {
    typealias F = ConfigFixtures

    @Test func minimalSourceGetsEveryDefault() throws {
        let configuration = try F.parse(F.document(SourceFixture()))
        #expect(configuration.database == "/var/lib/ordersync/orders.db")
        #expect(configuration.databaseGroupReadable == false)
        #expect(configuration.logLevel == "info")
        #expect(configuration.configPath == nil)
        let source = try #require(configuration.sources.first)
        #expect(source.name == "acme")
        #expect(source.dialect == "erp")
        #expect(source.baseURL.absoluteString == "https://erp.example/api")
        #expect(source.auth.token?.reveal == "t0k3n")
        #expect(source.auth.username == nil && source.auth.password == nil)
        #expect(source.enabled)
        #expect(source.pollIntervalSeconds == 300)
        #expect(source.startDate == "2024-03-01")
        #expect(source.startDateWasDefaulted)
        #expect(source.pageSize == nil)
        #expect(source.timezone.secondsFromGMT(for: F.now) == 0)
        #expect(source.currency == nil)
        #expect(source.statusMap.isEmpty)
        #expect(source.lookbackSeconds == 86_400)
        #expect(source.sliceDays == 30)
        #expect(source.http == HTTPSettings())
        #expect(source.http.requestTimeoutSeconds == 30 && source.http.maxResponseBytes == 33_554_432)
        #expect(source.options == JSONObject())
    }

    @Test func defaultStartDateIsCountedInTheSourceTimeZone() throws {
        // 2024-03-31 12:00 UTC is already 2024-04-01 01:00 in Auckland.
        let source = SourceFixture().with("timezone", #""Pacific/Auckland""#)
        let configuration = try F.parse(F.document(source))
        #expect(configuration.sources[0].startDate == "2024-03-02")
    }

    @Test func everyKeyIsRead() throws {
        let source = SourceFixture()
            .with("enabled", "false")
            .with("poll_interval_seconds", "60")
            .with("start_date", #""2024-02-29""#)
            .with("page_size", "250")
            .with("timezone", #""Europe/Berlin""#)
            .with("currency", #""JPY""#)
            .with("status_map", #"{"Awaiting payment": "pending", "done": "completed"}"#)
            .with("lookback_seconds", "0")
            .with("slice_days", "7")
            .with("http", #"{"max_attempts": 2}"#)
            .with("options", #"{"tenant": "eu-1", "limit": 10.50}"#)
        let root = #""database_group_readable": true, "log_level": "debug", "#
        let configuration = try F.parse(F.document(source, root: root))
        #expect(configuration.databaseGroupReadable)
        #expect(configuration.logLevel == "debug")
        let read = configuration.sources[0]
        #expect(!read.enabled)
        #expect(read.pollIntervalSeconds == 60)
        #expect(read.startDate == "2024-02-29" && !read.startDateWasDefaulted)
        #expect(read.pageSize == 250)
        #expect(read.timezone.identifier == "Europe/Berlin")
        #expect(read.currency == "JPY")
        #expect(read.statusMap == ["Awaiting payment": .pending, "done": .completed])
        #expect(read.lookbackSeconds == 0)
        #expect(read.sliceDays == 7)
        #expect(read.http.maxAttempts == 2 && read.http.connectTimeoutSeconds == 10)
        // Options are kept verbatim for the dialect, number literals included.
        #expect(read.options["limit"] == .number("10.50"))
        #expect(read.options.keys == ["tenant", "limit"])
    }

    @Test(arguments: [
        (#""databse": "x", "#, "databse: unknown key; did you mean \"database\"?"),
        (#""log_levle": "info", "#, "log_levle: unknown key; did you mean \"log_level\"?"),
    ])
    func unknownRootKeySuggestsTheNearestOne(root: String, expected: String) throws {
        let error = try #require(F.failure(F.document(SourceFixture(), root: root)))
        #expect(error.description == expected)
    }

    @Test func unknownSourceKeySuggestsTheNearestOne() throws {
        let error = try #require(F.failure(F.document(SourceFixture().with("pagesize", "10"))))
        #expect(error.path == "sources[0].pagesize")
        #expect(error.description == #"sources[0].pagesize: unknown key; did you mean "page_size"?"#)
    }

    @Test func unknownKeyFarFromAnyListsTheKnownOnes() throws {
        let error = try #require(F.failure(F.document(SourceFixture().with("http", #"{"colour": 1}"#))))
        #expect(error.path == "sources[0].http.colour")
        #expect(error.message.hasPrefix("unknown key; known keys are connect_timeout_seconds, "))
    }

    @Test(arguments: [
        ("name", "42", "sources[0].name: expected a string, got 42"),
        ("timezone", "{}", "sources[0].timezone: expected a string, got an object"),
        ("currency", "true", "sources[0].currency: expected a string, got true"),
        ("enabled", #""yes""#, #"sources[0].enabled: expected a boolean, got "yes""#),
        ("enabled", "null", "sources[0].enabled: expected a boolean, got null"),
        ("page_size", #""ten""#, #"sources[0].page_size: expected a positive integer, got "ten""#),
        ("page_size", "10.5", "sources[0].page_size: expected a positive integer, got 10.5"),
        ("page_size", "1e2", "sources[0].page_size: expected a positive integer, got 1e2"),
        ("lookback_seconds", "-1", "sources[0].lookback_seconds: expected an integer from 0 to 31536000, got -1"),
        ("status_map", "[]", "sources[0].status_map: expected an object, got an array"),
        ("options", #""fast""#, #"sources[0].options: expected an object, got "fast""#),
        ("http", "5", "sources[0].http: expected an object, got 5"),
        ("name", #""""#, #"sources[0].name: expected a non-empty string, got """#),
    ])
    func wrongTypeNamesTheKeyAndTheValue(key: String, json: String, expected: String) throws {
        let error = try #require(F.failure(F.document(SourceFixture().with(key, json))))
        #expect(error.description == expected)
    }

    @Test func wrongTypesAtTheRoot() throws {
        let notArray = #"{"database": "x.db", "sources": {"name": "acme"}}"#
        #expect(F.failure(notArray)?.description == "sources: expected an array of sources, got an object")
        let empty = #"{"database": "x.db", "sources": []}"#
        #expect(F.failure(empty)?.description == "sources: expected at least one source, got an empty array")
        #expect(F.failure("[1, 2]")?.description == "the configuration must be a JSON object, got an array")
        let element = #"{"database": "x.db", "sources": ["acme"]}"#
        #expect(F.failure(element)?.description == #"sources[0]: expected an object, got "acme""#)
        let flag = F.document(SourceFixture(), root: #""database_group_readable": "yes", "#)
        #expect(F.failure(flag)?.description == #"database_group_readable: expected a boolean, got "yes""#)
        let level = F.document(SourceFixture(), root: #""log_level": "loud", "#)
        #expect(F.failure(level)?.message.hasPrefix(#"unknown log level "loud"; expected one of trace, debug"#) == true)
    }

    @Test(arguments: ["name", "dialect", "base_url"])
    func missingRequiredSourceKey(key: String) throws {
        let error = try #require(F.failure(F.document(SourceFixture(), SourceFixture().with("name", #""b""#).without(key))))
        #expect(error.description == "sources[1].\(key): required key missing")
    }

    @Test func missingRequiredRootKeys() throws {
        let error = try #require(F.failure("{}"))
        #expect(error.all.map(\.description) == ["database: required key missing", "sources: required key missing"])
    }

    @Test func everyProblemIsCollectedInFileOrder() throws {
        let text = F.document(
            SourceFixture().with("page_size", "0"),
            SourceFixture().with("name", #""other""#).with("timezone", #""Mars/Base""#).with("slice_days", "0"))
        let error = try #require(F.failure(text))
        #expect(error.all.map(\.path) == ["sources[0].page_size", "sources[1].timezone", "sources[1].slice_days"])
        #expect(error.description.split(separator: "\n").count == 3)
        #expect(error.description.hasPrefix("sources[0].page_size: expected a positive integer, got 0\n"))
    }

    @Test func duplicateKeyIsAnError() throws {
        let error = try #require(F.failure(F.document(SourceFixture(), root: #""database": "y.db", "#)))
        #expect(error.description == "database: duplicate key; give it once")
    }

    @Test func invalidJSONReportsLineAndColumn() throws {
        let text = "{\n  \"database\": \"x.db\",\n  \"sources\": [}\n"
        let error = try #require(F.failure(text))
        #expect(error.path == "")
        #expect(error.description == "invalid JSON at line 3, column 15: unexpected character '}'")
        let unterminated = try #require(F.failure("{\"database\": \"é"))
        #expect(unterminated.description == "invalid JSON at line 1, column 16: unterminated string")
        #expect(F.failure("  \n")?.description == "the configuration is empty; expected a JSON object")
        // A byte order mark is skipped, not reported as a syntax error.
        #expect(try F.parse("\u{FEFF}" + F.document(SourceFixture())).sources.count == 1)
    }

    @Test func loadReadsTheFileAndResolvesSecretsNextToIt() throws {
        try F.withTemporaryDirectory { directory in
            let path = directory + "/config.json"
            let source = SourceFixture().with("auth", #"{"token_file": "erp.token"}"#)
            try F.write(F.document(source), to: path)
            try F.write("from-file\n", to: directory + "/erp.token")
            let configuration = try ConfigLoader.load(path: path, environment: [:], dialects: F.dialects, now: F.now)
            #expect(configuration.configPath == path)
            #expect(configuration.sources[0].auth.token?.reveal == "from-file")
        }
    }

    @Test func unreadableFileSaysWhichAndWhy() throws {
        try F.withTemporaryDirectory { directory in
            let missing = directory + "/missing.json"
            #expect(throws: ConfigError(path: "", message: "cannot read \(missing): No such file or directory")) {
                try ConfigLoader.load(path: missing, environment: [:], dialects: F.dialects)
            }
            #expect(throws: ConfigError(path: "", message: "cannot read \(directory): Is a directory")) {
                try ConfigLoader.load(path: directory, environment: [:], dialects: F.dialects)
            }
        }
    }
}

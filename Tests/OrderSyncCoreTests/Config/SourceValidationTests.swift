import Foundation
import Testing

@testable import OrderSyncCore

@Suite("Config: source values")
struct SourceValidationTests {
    typealias F = ConfigFixtures

    private func failure(_ key: String, _ json: String, sourceLocation: SourceLocation = #_sourceLocation)
        -> ConfigError?
    {
        F.failure(F.document(SourceFixture().with(key, json)), sourceLocation: sourceLocation)
    }

    @Test func pageSizeMustBePositive() {
        #expect(failure("page_size", "0")?.description == "sources[0].page_size: expected a positive integer, got 0")
        #expect(failure("poll_interval_seconds", "0")?.path == "sources[0].poll_interval_seconds")
        #expect(failure("slice_days", "0")?.path == "sources[0].slice_days")
    }

    @Test(arguments: [
        ("2024-13-01", #"invalid date "2024-13-01": there is no month 13"#),
        ("2023-02-29", #"invalid date "2023-02-29": month 2 of 2023 has 28 days"#),
        ("2024-04-31", #"invalid date "2024-04-31": month 4 of 2024 has 30 days"#),
        ("2024/01/01", #"expected a date as YYYY-MM-DD, got "2024/01/01""#),
        ("2024-1-01", #"expected a date as YYYY-MM-DD, got "2024-1-01""#),
        ("2024-01-01T00:00:00Z", #"expected a date as YYYY-MM-DD, got "2024-01-01T00:00:00Z""#),
        ("1969-12-31", #"invalid date "1969-12-31": the year must be 1970 or later"#),
    ])
    func badStartDate(text: String, message: String) throws {
        let error = try #require(failure("start_date", JSONValue.string(text).serialized))
        #expect(error.path == "sources[0].start_date")
        #expect(error.message == message)
    }

    @Test func unknownTimeZone() {
        #expect(
            failure("timezone", #""Mars/Base""#)?.description
                == #"sources[0].timezone: unknown time zone "Mars/Base"; expected an IANA name such as "Europe/Berlin" or "UTC" (old aliases such as "US/Eastern" need the tzdata-legacy package)"#)
        // Foundation would take these as fixed offsets, silently ignoring daylight saving time.
        #expect(failure("timezone", #""GMT+5""#)?.path == "sources[0].timezone")
        #expect(failure("timezone", #""utc""#)?.path == "sources[0].timezone")
    }

    @Test(arguments: ["UTC", "Europe/Berlin", "America/New_York", "Etc/GMT+5"])
    func knownTimeZonesAreAccepted(name: String) throws {
        let configuration = try F.parse(F.document(SourceFixture().with("timezone", "\"\(name)\"")))
        #expect(configuration.sources[0].timezone == ZoneRules(identifier: name))
    }

    @Test(arguments: ["eur", "EURO", "E1R", "€"])
    func badCurrency(code: String) throws {
        let error = try #require(failure("currency", JSONValue.string(code).serialized))
        #expect(error.path == "sources[0].currency")
        #expect(error.message.hasPrefix("expected an ISO 4217 currency code of three capital letters"))
    }

    @Test func badStatusMapValuesNameTheirEntry() throws {
        let map = #"{"Awaiting payment": "payed", "open": 3, "shipped_out": "shiped", "done": "completed"}"#
        let error = try #require(failure("status_map", map))
        #expect(error.all.map(\.path) == [
            #"sources[0].status_map["Awaiting payment"]"#, "sources[0].status_map.open",
            "sources[0].status_map.shipped_out",
        ])
        #expect(error.message.hasPrefix(#"unknown status "payed"; expected one of draft, pending, confirmed"#))
        #expect(error.all[1].message == "expected a canonical status name (a string), got 3")
        #expect(error.all[2].message.hasSuffix(#"; did you mean "shipped"?"#))
    }

    @Test func duplicateSourceNames() throws {
        let text = F.document(SourceFixture(), SourceFixture().with("name", #""b""#), SourceFixture())
        let error = try #require(F.failure(text))
        #expect(error.description == #"sources[2].name: duplicate source name "acme"; sources[0] has it too"#)
    }

    @Test(arguments: ["Acme", "-acme", "acme eu", "", String(repeating: "a", count: 65)])
    func invalidSourceNames(name: String) throws {
        let error = try #require(failure("name", JSONValue.string(name).serialized))
        #expect(error.path == "sources[0].name")
    }

    @Test func sourceNameMayUseDotsDashesAndUnderscores() throws {
        let name = "0acme_eu.erp-" + String(repeating: "x", count: 51)
        let configuration = try F.parse(F.document(SourceFixture().with("name", "\"\(name)\"")))
        #expect(configuration.sources[0].name == name)
    }

    @Test func unknownDialectListsTheKnownOnes() {
        #expect(
            failure("dialect", #""erpp""#)?.description
                == #"sources[0].dialect: unknown dialect "erpp"; known dialects: erp, reseller; did you mean "erp"?"#)
        #expect(
            failure("dialect", #""shopify""#)?.description
                == #"sources[0].dialect: unknown dialect "shopify"; known dialects: erp, reseller"#)
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.9.8.7/api/", "http://127.9.8.7/api"),
        ("http://localhost:9000/v1//", "http://localhost:9000/v1"),
        ("HTTP://LocalHost", "http://LocalHost"),
        ("http://[::1]:8080/", "http://[::1]:8080"),
        ("https://erp.example", "https://erp.example"),
        ("https://erp.example:8443/api/v2/", "https://erp.example:8443/api/v2"),
    ])
    func acceptedBaseURLs(text: String, expected: String) throws {
        let configuration = try F.parse(F.document(SourceFixture().with("base_url", "\"\(text)\"")))
        #expect(configuration.sources[0].baseURL.absoluteString == expected)
    }

    @Test(arguments: [
        ("http://erp.example", "http:// is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost); use https:// for erp.example"),
        ("http://10.0.0.1/", "http:// is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost); use https:// for 10.0.0.1"),
        ("http://127.0.0.1.nip.io", "http:// is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost); use https:// for 127.0.0.1.nip.io"),
        ("http://[::2]", "http:// is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost); use https:// for [::2]"),
        ("ftp://erp.example", #"expected an https:// URL, got "ftp://erp.example""#),
        ("erp.example", #"expected an https:// URL, got "erp.example""#),
        ("https://", #"expected a host name in "https://""#),
        ("https://erp.example/?page=1", "must not carry credentials or a query string; put the key in auth"),
        ("https://erp.example/#top", "must not have a fragment (#…); give the URL up to its path"),
        ("https://erp example", #"not a valid URL: "https://erp example""#),
    ])
    func refusedBaseURLs(text: String, message: String) throws {
        let error = try #require(failure("base_url", "\"\(text)\""))
        #expect(error.path == "sources[0].base_url")
        #expect(error.message == message)
    }

    @Test(arguments: [
        "https://admin:hunter2-pw@erp.example/", "https://hunter2-pw@erp.example", "https://erp.example/v1?api_key=hunter2-pw",
        "https://erp.example?hunter2-pw", "ftp://erp.example/?api_key=hunter2-pw", "https://erp.example/?k=hunter2-pw#x",
        "https://erp example/?api_key=hunter2-pw",
    ])
    func baseURLWithCredentialsIsRefusedWithoutEchoingThem(text: String) throws {
        let error = try #require(failure("base_url", "\"\(text)\""))
        #expect(error.path == "sources[0].base_url")
        #expect(["must not carry credentials or a query string; put the key in auth", "not a valid URL"].contains(error.message))
        #expect(!error.description.contains("hunter2"), "\(error)")
    }
}

import Foundation
import Testing

@testable import OrderSyncCore

/// The settings a formations source is validated against when the configuration loads.
struct FormationsOptionsTests {
    typealias Fixtures = FormationsFixtures

    static func configError(_ source: SourceConfiguration) -> ConfigError? {
        do {
            _ = try FormationsAdapter(source: source)
            return nil
        } catch {
            return error
        }
    }

    @Test func defaults() throws {
        let adapter = try Fixtures.adapter(Fixtures.source(options: [:]))
        #expect(adapter.queries.prefix == "filter")
        #expect(adapter.currency == "GBP")
        #expect(adapter.pageSize == 50)
    }

    @Test func filterParamAcceptsAParameterName() throws {
        for name in ["filters", "filter", "f", "search_filter", "q.filter-1"] {
            #expect(try Fixtures.adapter(Fixtures.source(options: ["filter_param": .string(name)])).queries.prefix == name)
        }
    }

    @Test func filterParamRejectsWhatIsNotAName() {
        for value: JSONValue in [.string(""), .string("filter[x]"), .string("a b"), .string("filtér"), .number("1"), .null,
                                 .string(String(repeating: "f", count: 65))] {
            let error = Self.configError(Fixtures.source(options: ["filter_param": value]))
            #expect(error?.path == "options.filter_param", "\(value.serialized)")
            #expect(error?.message.contains("query parameter name") == true)
        }
    }

    @Test func unknownOptionsAreRefusedWithASuggestion() {
        let typo = Self.configError(Fixtures.source(options: ["filter_parm": .string("filters")]))
        #expect(typo?.path == "options.filter_parm")
        #expect(typo?.message.contains("did you mean \"filter_param\"?") == true)
        let other = Self.configError(Fixtures.source(options: ["page size": .number("10")]))
        #expect(other?.path == #"options["page size"]"#)
        #expect(other?.message.contains("known options: filter_param") == true)
    }

    @Test func statusMapKeysMustBeNumericCodes() {
        let error = Self.configError(Fixtures.source(statusMap: ["700": .completed, "done": .completed]))
        #expect(error?.path == "status_map.done")
        #expect(error?.message.contains("numbers") == true)
        // Through the registry the path is the source's.
        var thrown: ConfigError?
        do {
            _ = try DialectRegistry.makeAdapter(for: Fixtures.source(options: ["filter_param": .string("")]), index: 2)
        } catch {
            thrown = error
        }
        #expect(thrown?.path == "sources[2].options.filter_param")
    }
}

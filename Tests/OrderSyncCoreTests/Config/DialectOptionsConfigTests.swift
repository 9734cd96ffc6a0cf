import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// Dialect options are validated by the configuration loader, against the registry's
/// declarations, in the same pass as every other key: every error at once, with its key path.
@Suite("dialect options in the configuration")
struct DialectOptionsConfigTests {
    private static func source(_ dialect: String, _ extra: String = "") -> String {
        let auth = dialect == "reseller" ? #"{"username": "u", "password": "p"}"# : #"{"token": "t"}"#
        return #"{"name": "s-\#(dialect)", "dialect": "\#(dialect)", "base_url": "https://\#(dialect).example", "auth": \#(auth)\#(extra)}"#
    }

    private static func load(_ sources: [String]) throws(ConfigError) -> Configuration {
        try ConfigLoader.parse(
            text: #"{"database": "/tmp/x.db", "sources": [\#(sources.joined(separator: ", "))]}"#, environment: [:],
            dialects: DialectRegistry.requirements, now: Date(timeIntervalSince1970: 1_711_886_400),
            baseDirectory: "/nonexistent")
    }

    private static func problems(_ sources: [String]) -> [String] {
        do {
            _ = try load(sources)
            return []
        } catch {
            return error.all.map(\.description)
        }
    }

    @Test func everyOptionProblemOfEverySourceInOnePassWithItsKeyPath() {
        let lines = Self.problems([
            Self.source("erp", #", "options": {"page_size": 10}"#),
            Self.source("lifecycle", #", "options": {"anything": true}"#),
            Self.source("mobility", #", "page_size": "ten", "options": {"invoice_window_days": "x", "invoice_payment_sweep": "yes", "invoice_window_day": 3}"#),
            Self.source("reseller", #", "options": {"token_refresh_fraction": 2, "leaver_recheck": "sometimes"}"#),
            Self.source("formations", #", "options": {"filter_param": "a b"}"#),
        ])
        #expect(lines == [
            #"sources[0].options.page_size: unknown erp option; erp has no options; did you mean the source setting "page_size", beside "options"?"#,
            #"sources[1].options.anything: unknown lifecycle option; lifecycle has no options"#,
            #"sources[2].page_size: expected a positive integer, got "ten""#,
            #"sources[2].options.invoice_window_days: expected an integer from 1 to 36500, got "x""#,
            #"sources[2].options.invoice_payment_sweep: expected true or false, got "yes""#,
            #"sources[2].options.invoice_window_day: unknown mobility option; did you mean "invoice_window_days"? (known options: invoice_sweep_interval_seconds, invoice_window_days, invoice_payment_sweep, backfill_margin_hours)"#,
            #"sources[3].options.token_refresh_fraction: expected a number above 0 and at most 1 (e.g. 0.9), got 2"#,
            #"sources[3].options.leaver_recheck: expected one of by_id, submitted_since, got "sometimes""#,
            #"sources[4].options.filter_param: expected a query parameter name such as "filter" (letters, digits, '_', '-', '.'), got "a b""#,
        ], "\(lines.joined(separator: "\n"))")
    }

    @Test func theDialectsOwnChecksRunInTheSamePass() {
        let lines = Self.problems([
            Self.source("formations", #", "status_map": {"done": "completed"}"#),
            Self.source("erp", #", "options": {"x": 1}"#),
        ])
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("sources[0].status_map.done: formations status codes are numbers") == true)
        #expect(lines.last?.hasPrefix("sources[1].options.x: unknown erp option") == true)
    }

    @Test func validOptionsLoadAndTheAdapterReadsThemTyped() throws {
        let configuration = try Self.load([
            Self.source("mobility", #", "options": {"invoice_window_days": 90, "invoice_payment_sweep": false}"#),
            Self.source("reseller", #", "options": {"leaver_recheck": "submitted_since"}"#),
        ])
        let mobility = try #require(try DialectRegistry.makeAdapter(for: configuration.sources[0], index: 0) as? MobilityAdapter)
        #expect(mobility.options.invoiceWindowDays == 90 && !mobility.options.invoicePaymentSweep)
        #expect(mobility.options.invoiceSweepIntervalSeconds == 3_600)
        let reseller = try #require(try DialectRegistry.makeAdapter(for: configuration.sources[1], index: 1) as? ResellerAdapter)
        #expect(reseller.options.leaverRecheck == .submittedSince && reseller.options.tokenRefreshFraction == 0.9)
        #expect(configuration.warnings.isEmpty)
    }

    @Test func aSettingTheDialectCannotHonourLoadsWithAWarning() throws {
        let configuration = try Self.load([Self.source("erp", #", "page_size": 100"#),
                                           Self.source("formations", #", "page_size": 100"#)])
        #expect(configuration.warnings.map(\.description)
            == ["sources[1].page_size: formations' server fixes its page size; the value is ignored"])
    }

    @Test func everyDeclarationIsConsistent() throws {
        for name in TestDialects.names {
            let adapter = try #require(DialectRegistry.adapter(named: name))
            let keys = adapter.optionDeclarations.map(\.key)
            #expect(Set(keys).count == keys.count, "\(adapter.name)")
            for option in adapter.optionDeclarations {
                #expect(option.accepts(option.defaultValue), "\(adapter.name).\(option.key)")
                #expect(!option.summary.isEmpty)
            }
        }
    }
}

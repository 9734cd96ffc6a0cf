import Foundation
import Testing

@testable import OrderSyncCore

/// The `mobility` keys under a source's `options`: defaults, accepted values, and errors that
/// name the key.
struct MobilityOptionsTests {
    typealias F = MobilityFixtures

    @Test func defaults() throws {
        let options = try F.adapter().options
        #expect(options.invoiceSweepIntervalSeconds == 3_600)
        #expect(options.invoiceWindowDays == 60)
        #expect(options.invoicePaymentSweep)
        #expect(options.backfillMarginHours == 24)
    }

    @Test func everyOptionIsRead() throws {
        let options = try F.adapter(F.source(options: [
            "invoice_sweep_interval_seconds": .number("900"), "invoice_window_days": .number("120"),
            "invoice_payment_sweep": .bool(false), "backfill_margin_hours": .number("0"),
        ])).options
        #expect(options.invoiceSweepIntervalSeconds == 900)
        #expect(options.invoiceWindowDays == 120)
        #expect(!options.invoicePaymentSweep)
        #expect(options.backfillMarginHours == 0)
    }

    @Test(arguments: [
        ("invoice_sweep_interval_seconds", JSONValue.string("3600")),
        ("invoice_sweep_interval_seconds", .number("-1")),
        ("invoice_sweep_interval_seconds", .number("1.5")),
        ("invoice_window_days", .number("0")),
        ("invoice_window_days", .null),
        ("backfill_margin_hours", .bool(true)),
        ("invoice_payment_sweep", .string("yes")),
        ("invoice_payment_sweep", .number("1")),
    ])
    func badValuesNameTheirKey(key: String, value: JSONValue) throws {
        let error = F.configFailure(JSONObject([JSONObject.Member(key: key, value: value)]))
        #expect(error?.path == "options.\(key)")
        #expect(error?.message.contains(value.serialized) == true, "\(String(describing: error))")
    }

    @Test func unknownKeyIsRefusedWithASuggestion() throws {
        let error = F.configFailure(["invoice_window_day": .number("30")])
        #expect(error?.path == "options.invoice_window_day")
        #expect(error?.message.contains("did you mean \"invoice_window_days\"") == true)
    }

    @Test func registryPrefixesTheSourcePath() throws {
        let source = F.source(options: ["invoice_window_days": .number("-3")])
        let error = #expect(throws: ConfigError.self) { try DialectRegistry.makeAdapter(for: source, index: 2) }
        #expect(error?.path == "sources[2].options.invoice_window_days")
    }
}

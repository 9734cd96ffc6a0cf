import Testing

@testable import OrderSyncCore

/// A dialect's status table, overridden by the source's `status_map`.
struct StatusMappingTests {
    static let defaults: [String: OrderStatus] = [
        "draft": .draft, "validated": .confirmed, "in_progress": .inProgress, "delivered": .completed, "cancelled": .cancelled,
    ]

    @Test func defaultsApplyAndUnmappedIsUnknown() {
        let mapping = StatusMapping(defaults: Self.defaults, overrides: [:])
        #expect(mapping.status(for: "validated") == .confirmed)
        #expect(mapping.status(for: "delivered") == .completed)
        #expect(mapping.status(for: "Validated") == .unknown)
        #expect(mapping.status(for: "") == .unknown)
        #expect(mapping.status(for: "700") == .unknown)
    }

    @Test func overridesReplaceAndExtendTheTable() {
        let mapping = StatusMapping(defaults: Self.defaults, overrides: ["validated": .inProgress, "700": .completed])
        #expect(mapping.status(for: "validated") == .inProgress)
        #expect(mapping.status(for: "700") == .completed)
        #expect(mapping.status(for: "draft") == .draft)
    }

    @Test func openRawValuesAreTheNonTerminalOnesSorted() {
        #expect(StatusMapping(defaults: Self.defaults, overrides: [:]).openRawValues == ["draft", "in_progress", "validated"])
        // An override can close a status, open another, and `unknown` is never asked for.
        let mapping = StatusMapping(
            defaults: Self.defaults, overrides: ["validated": .completed, "delivered": .onHold, "odd": .unknown, "a": .pending])
        #expect(mapping.openRawValues == ["a", "delivered", "draft", "in_progress"])
        #expect(StatusMapping(defaults: [:], overrides: [:]).openRawValues.isEmpty)
    }

    @Test func terminalStatuses() {
        let terminal = OrderStatus.allCases.filter(\.isTerminal)
        #expect(terminal == [.completed, .cancelled, .refunded])
        #expect(OrderStatus("in_progress") == .inProgress)
        #expect(OrderStatus.onHold.description == "on_hold")
        #expect(OrderStatus("In Progress") == nil)
    }
}

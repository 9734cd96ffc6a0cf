import Foundation
import Testing

@testable import OrderSyncCore

/// Hostile amounts must become a rejected record, never a crash of the daemon.
struct LifecycleOverflowTests {
    @Test func netBeyondInt64IsAMappingErrorNotATrap() throws {
        let record = JSONObject([
            "id": .number("3"), "status": .string("pending"), "created_at": .string("2025-11-06T15:00:00Z"),
            "total": .string("92233720368547758.07"), "total_tax": .string("-1.00"),
        ])
        let source = SourceConfiguration(
            name: "shop", dialect: "lifecycle", baseURL: URL(string: "https://lifecycle.example")!, startDate: "2024-01-01")
        let error = #expect(throws: MappingError.self) { try LifecycleAdapter(source: source).mapOrder(.object(record)) }
        #expect(error?.path == "total_tax")
    }
}

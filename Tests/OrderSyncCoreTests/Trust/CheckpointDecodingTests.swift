import Foundation
import Testing

@testable import OrderSyncCore

/// A checkpoint that does not decode is an error naming the source, the stream and the value;
/// it never silently becomes "no checkpoint". The v2 JSON shapes still decode.
@Suite("Trust: checkpoints decode strictly")
struct CheckpointDecodingTests {
    @Test("garbage, a bad time or a missing field fails with the stream and the value", arguments: [
        "not json", #"{"synced_through": "yesterday-ish"}"#, #"{"synced_through": 42}"#, #"{"window": {"from": "2026-01-01T00:00:00Z"}}"#,
    ])
    func badValues(_ text: String) throws {
        #expect {
            _ = try Checkpoints.decode(Checkpoints.DateWindow.self, from: text, source: "acme", stream: "orders")
        } throws: { error in
            let message = "\(error)"
            return message.contains(#"source "acme""#) && message.contains(#"stream "orders""#) && message.contains(text)
                && message.contains("ordersync reset")
        }
    }

    @Test("no checkpoint is nil, not an error")
    func absent() throws {
        #expect(try Checkpoints.decode(Checkpoints.Pass.self, from: nil, source: "a", stream: "b") == nil)
    }

    @Test("the shapes written before typed checkpoints still decode")
    func previousShapes() throws {
        let window = try #require(try Checkpoints.decode(Checkpoints.DateWindow.self, from: #"""
            {"synced_through":"2026-11-20T10:00:00Z","window":{"from":"2026-11-19T10:00:00Z","page":3,"page_size":100,"slice_from":"2026-11-19T10:00:00Z"}}
            """#, source: "a", stream: "orders"))
        #expect(window.window?.position == .page(3))
        #expect(window.syncedThrough == Instant(secondsSinceEpoch: 1_795_168_800))
        let backfill = try #require(try Checkpoints.decode(Checkpoints.Backfill.self, from: #"""
            {"page":2,"page_size":50,"since":"2026-01-01","slice_from":"2026-01-31T00:00:00Z","window_to":"2026-11-29T00:00:00Z"}
            """#, source: "a", stream: "backfill"))
        #expect(backfill.position == .page(2) && backfill.restart == nil && backfill.completedAt == nil)
    }

    @Test("cursor positions round-trip as `after`")
    func cursorRoundTrip() throws {
        let value = Checkpoints.WindowProgress(
            from: Instant(secondsSinceEpoch: 0), to: nil, sliceFrom: Instant(secondsSinceEpoch: 86_400), position: .after("eyJpZCI6NDJ9"), pageSize: nil)
        let text = Checkpoints.encode(value)
        #expect(text.contains(#""after":"eyJpZCI6NDJ9""#))
        #expect(try Checkpoints.decode(Checkpoints.WindowProgress.self, from: text, source: "a", stream: "b") == value)
    }
}

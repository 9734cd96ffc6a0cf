import Foundation
import OrderSyncCore
import Testing

/// `log_format: json`: counts, durations and flags are JSON numbers and booleans, so a log
/// pipeline can compare them; identifiers and everything else stay strings.
@Suite("JSON log lines")
struct LogSinkJSONTests {
    func line(_ metadata: Logger.Metadata) throws -> JSONObject {
        let lines = LockedBox<[String]>([])
        let logger = Logger(label: "test", level: .info, sink: LogSink.collecting(into: lines).formatted(.json))
        logger.info("page written", metadata)
        guard case .object(let object) = try JSONValue.parse(try #require(lines.current.first)) else {
            Issue.record("not an object")
            return JSONObject()
        }
        return object
    }

    @Test("numbers and booleans are typed")
    func typedValues() throws {
        let object = try line(["requests": "4", "ms": "12", "orders_per_second": "3.5", "delta": "-2", "done": "true", "retried": "false"])
        #expect(object["requests"] == .number("4"))
        #expect(object["ms"] == .number("12"))
        #expect(object["orders_per_second"] == .number("3.5"))
        #expect(object["delta"] == .number("-2"))
        #expect(object["done"] == .bool(true))
        #expect(object["retried"] == .bool(false))
        #expect(try JSONValue.parse(JSONValue.object(object).serialized) == .object(object))
    }

    @Test("identifiers and text that only look like numbers stay strings")
    func stringsStayStrings() throws {
        let object = try line(["order": "12345", "order_id": "987", "source": "42", "zip": "007", "big": "1e3", "size": "4 s",
                               "through": "2025-03-14", "error": "", "dot": "1.", "status": "-"])
        #expect(object["order"] == .string("12345"))
        #expect(object["order_id"] == .string("987"))
        #expect(object["source"] == .string("42"))
        #expect(object["zip"] == .string("007"))
        #expect(object["big"] == .string("1e3"))
        #expect(object["size"] == .string("4 s"))
        #expect(object["through"] == .string("2025-03-14"))
        #expect(object["error"] == .string(""))
        #expect(object["dot"] == .string("1."))
        #expect(object["status"] == .string("-"))
    }
}

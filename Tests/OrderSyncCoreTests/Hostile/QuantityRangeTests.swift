import Foundation
import Testing

@testable import OrderSyncCore

/// A quantity a Double cannot hold is a mapping error (the record is rejected with the reason),
/// never a silent 0 or infinity.
@Suite("Hostile: quantities out of range")
struct QuantityRangeTests {
    static func quantity(_ literal: String) throws(MappingError) -> Double {
        let line = try RecordReader(try! JSONValue.parse(#"{"quantity": \#(literal)}"#), path: "lines[0]")
        return try line.quantity("quantity")
    }

    @Test(arguments: ["1e-400", "\"1e-400\"", "-2.5E-400", "1e-310", "1e400", "\"9e999\"", "-1E+400", "1e300"])
    func outOfRangeIsAMappingError(literal: String) {
        let error = mappingFailure { () throws(MappingError) in try Self.quantity(literal) }
        #expect(error?.path == "lines[0].quantity")
        #expect(error?.message.hasSuffix("is out of range for a quantity") == true, "\(String(describing: error))")
    }

    @Test(arguments: [("0", 0.0), ("0e400", 0.0), ("0.000e-999", 0.0), ("-0", 0.0), ("1e-300", 1e-300), ("2.5", 2.5),
                      ("\"1e3\"", 1000.0)])
    func representableQuantitiesAreRead(literal: String, expected: Double) throws {
        #expect(try Self.quantity(literal) == expected)
    }

    @Test func anERPLineWithAnUnderflowingQuantityIsRejectedWithItsReason() throws {
        let record = try JSONValue.parse(#"""
            {"id": "7", "ref": "R7", "status": "validated", "date_order": "2026-11-20",
             "lines": [{"id": "1", "quantity": "1e-400", "unit_price_excl_tax": "10.00"}]}
            """#)
        let source = SourceConfiguration(name: "erp", dialect: "erp", baseURL: URL(string: "https://erp.example")!, startDate: "2026-01-01")
        let adapter = try ERPAdapter(source: source)
        let context = MappingContext()
        let error = mappingFailure { () throws(MappingError) in try adapter.mapOrder(record, context: context) }
        #expect(error?.description == #"lines[0].quantity: "1e-400" is out of range for a quantity"#)
    }
}

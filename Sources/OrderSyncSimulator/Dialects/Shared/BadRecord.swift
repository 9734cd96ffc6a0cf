/// A deliberately malformed list item, appended by the `badRecord` fault.
///
/// Successive bad records rotate through the kinds so one test run can see
/// every way a record can be unusable. The item is built from a valid one so
/// everything but the defect looks normal; its id is far above real ids.
@_spi(SimulatedDialects) public struct BadRecord: Sendable, Equatable {
    enum Kind: Int, CaseIterable, Sendable {
        case missingID, unparseableDate, nonNumericAmount, wrongType, nullItem
    }

    /// Which fields of a dialect's list item hold the date and the amount.
    @_spi(SimulatedDialects) public struct Fields: Sendable {
        var date: String
        var amount: String
        /// Whether the dialect writes ids as strings (erp).
        var idIsString = false

        @_spi(SimulatedDialects) public init(date: String, amount: String, idIsString: Bool = false) {
            self.date = date
            self.amount = amount
            self.idIsString = idIsString
        }
    }

    var kind: Kind
    var fakeID: Int

    func item(from template: JSONValue, fields: Fields) -> JSONValue {
        let id: JSONValue = fields.idIsString ? .string(String(fakeID)) : .int(fakeID)
        let item = template.setting("id", id)
        switch kind {
        case .missingID: return item.removing("id")
        case .unparseableDate: return item.setting(fields.date, .string("not-a-date"))
        case .nonNumericAmount: return item.setting(fields.amount, .string("not-a-number"))
        case .wrongType: return item.setting("id", .array([.obj(["unexpected": .bool(true)])]))
        case .nullItem: return .null
        }
    }
}

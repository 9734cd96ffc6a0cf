import FoundationEssentials

/// Typed, path-aware access to one upstream JSON object. Every failure names the field,
/// so a rejected record says exactly what was wrong with it.
public struct RecordReader: Sendable {
    public let object: JSONObject
    public let path: String

    public init(_ value: JSONValue, path: String = "") throws(MappingError) {
        guard case .object(let object) = value else {
            throw MappingError(path: path, message: "expected an object, got \(value.kindName)")
        }
        self.object = object
        self.path = path
    }

    /// The member, with JSON `null` read as absent.
    public func value(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    public func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func error(_ key: String, _ message: String) -> MappingError {
        MappingError(path: fieldPath(key), message: message)
    }

    // MARK: Text

    /// A string or a number's text (ids are either, depending on the upstream); empty is absent.
    public func text(_ key: String) throws(MappingError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.scalarText else { throw error(key, "expected a string or number, got \(value.kindName)") }
        return text.isEmpty ? nil : text
    }

    public func requiredText(_ key: String) throws(MappingError) -> String {
        guard let text = try text(key) else { throw error(key, "required field missing") }
        return text
    }

    // MARK: Numbers

    /// An amount in minor units from a decimal string or a JSON number, converted exactly.
    public func money(_ key: String, exponent: Int) throws(MappingError) -> Int64? {
        guard let text = try text(key) else { return nil }
        do {
            return try MinorUnits.parse(text, exponent: exponent)
        } catch {
            throw self.error(key, error.description)
        }
    }

    public func requiredMoney(_ key: String, exponent: Int) throws(MappingError) -> Int64 {
        guard let amount = try money(key, exponent: exponent) else { throw error(key, "required amount missing") }
        return amount
    }

    /// A quantity: the schema stores it as REAL, so here a Double is the contract. A value a
    /// Double cannot hold is a mapping error, never a silent 0 or infinity: `1e400` overflows,
    /// and `1e-400` (or anything below the smallest normal Double) underflows.
    public func quantity(_ key: String) throws(MappingError) -> Double {
        guard let text = try text(key) else { throw error(key, "required quantity missing") }
        let shown = "\"\(text.prefix(40))\""
        do {
            _ = try MinorUnits.parse(text, exponent: 0)
        } catch .outOfRange {
            throw error(key, "\(shown) is out of range for a quantity")
        } catch {
            throw self.error(key, "\(shown) is not a number")
        }
        guard let quantity = Double(text) else { throw error(key, "\(shown) is not a number") }
        let mantissaIsZero = !text.prefix(while: { $0 != "e" && $0 != "E" }).contains(where: { ("1"..."9").contains($0) })
        guard quantity.isFinite, quantity.isNormal || (quantity == 0 && mantissaIsZero) else {
            throw error(key, "\(shown) is out of range for a quantity")
        }
        return quantity
    }

    /// `minuend − subtrahend` for amounts derived from two others (net = gross − tax), nil when
    /// either is absent; an overflow from hostile amounts is a mapping error on `key`.
    public func difference(_ minuend: Int64?, _ subtrahend: Int64?, blaming key: String) throws(MappingError) -> Int64? {
        guard let minuend, let subtrahend else { return nil }
        let (difference, overflow) = minuend.subtractingReportingOverflow(subtrahend)
        guard !overflow else { throw error(key, "the derived amount is out of range") }
        return difference
    }

    public func integer(_ key: String) throws(MappingError) -> Int? {
        guard let text = try text(key) else { return nil }
        guard let number = Int(text) else { throw error(key, "\"\(text.prefix(40))\" is not an integer") }
        return number
    }

    /// A boolean from `true`/`false`, `0`/`1` or `"0"`/`"1"`.
    public func bool(_ key: String) throws(MappingError) -> Bool? {
        guard let value = value(key) else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .number("0"), .string("0"): return false
        case .number("1"), .string("1"): return true
        default: throw error(key, "expected a boolean, got \(value.kindName)")
        }
    }

    // MARK: Time

    /// An ISO 8601-like date or timestamp; wall-clock text is read in `timeZone`. Empty is absent.
    public func instant(_ key: String, timeZone: ZoneRules) throws(MappingError) -> Instant? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw error(key, "expected a timestamp string, got \(value.kindName)") }
        if text.isEmpty { return nil }
        do {
            return try TimestampParser.parse(text, timeZone: timeZone)
        } catch {
            throw self.error(key, error.description)
        }
    }

    public func requiredInstant(_ key: String, timeZone: ZoneRules) throws(MappingError) -> Instant {
        guard let instant = try instant(key, timeZone: timeZone) else { throw error(key, "required timestamp missing") }
        return instant
    }

    /// A `YmdHis` timestamp given as an integer (or its text); `""` is absent.
    public func compactInstant(_ key: String, timeZone: ZoneRules) throws(MappingError) -> Instant? {
        guard let text = try text(key) else { return nil }
        do {
            return try TimestampParser.parseCompact(text, timeZone: timeZone)
        } catch {
            throw self.error(key, error.description)
        }
    }

    /// A calendar date, normalised to `YYYY-MM-DD`.
    public func date(_ key: String) throws(MappingError) -> String? {
        guard let text = try text(key) else { return nil }
        do {
            return try TimestampParser.parseDate(String(text.prefix(10))).dateText
        } catch {
            throw self.error(key, error.description)
        }
    }

    /// The start (00:00) of a `YYYY-MM-DD` date in `timeZone`: when a date-only "placed on" happened.
    public func requiredDayStart(_ key: String, timeZone: ZoneRules) throws(MappingError) -> Instant {
        guard let text = try text(key) else { throw error(key, "required date missing") }
        do {
            return try TimestampParser.parseDate(text).instant(in: timeZone)
        } catch {
            throw self.error(key, error.description)
        }
    }

    // MARK: Nesting

    public func object(_ key: String) throws(MappingError) -> RecordReader? {
        guard let value = value(key) else { return nil }
        return try RecordReader(value, path: fieldPath(key))
    }

    public func requiredObject(_ key: String) throws(MappingError) -> RecordReader {
        guard let reader = try object(key) else { throw error(key, "required object missing") }
        return reader
    }

    /// The elements of an array member, each as a reader; absent is empty.
    public func objects(_ key: String) throws(MappingError) -> [RecordReader] {
        guard let value = value(key) else { return [] }
        guard case .array(let elements) = value else { throw error(key, "expected an array, got \(value.kindName)") }
        var readers: [RecordReader] = []
        readers.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            readers.append(try RecordReader(element, path: "\(fieldPath(key))[\(index)]"))
        }
        return readers
    }
}

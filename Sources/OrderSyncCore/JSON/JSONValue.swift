/// A parsed JSON document that keeps what matters for exact money and faithful raw copies:
/// number literals stay as the text received (never converted through `Double`) and object
/// members keep their order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number literal exactly as it appeared, e.g. `17.98` or `1e3`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Parses a complete JSON document.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        if let parsed = bytes.withContiguousStorageIfAvailable(parseDocument) { return try parsed.get() }
        return try Array(bytes).withUnsafeBufferPointer(parseDocument).get()
    }

    private static func parseDocument(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(buffer)
        return Result { () throws(JSONParseError) in try parser.parseDocument() }
    }

    /// Parses a complete JSON document from text.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The member `key` when this is an object, else nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// A string, or a number's literal text: upstreams mix the two for ids and amounts.
    public var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): return text
        default: return nil
        }
    }

    /// A non-empty string or number text: what can serve as an upstream id.
    public var identityText: String? {
        guard let text = scalarText, !text.isEmpty else { return nil }
        return text
    }

    public var isNull: Bool { self == .null }

    /// A short name of the kind of value, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON object whose members keep the order they were received in.
///
/// Lookups are O(1) and `merging` is linear: a hostile upstream may send an object with hundreds
/// of thousands of members, and a linear search per key made that quadratic (minutes of CPU for
/// one record). Small objects, the usual case, are searched directly; from `indexThreshold`
/// members on, an index from key to position is kept beside the members. When a key is repeated,
/// the first member with it is the one looked up and replaced (the others are kept as received).
public struct JSONObject: Sendable {
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Below this many members a linear search is faster than hashing every key: an `erp`
    /// order has some 40, and indexing every one of them was 3 % of a backfill's CPU.
    static let indexThreshold = 64

    public private(set) var members: [Member]
    /// Key → position of its first member; nil while the object is small.
    private var index: [String: Int]?

    public init(_ members: [Member] = []) {
        self.members = members
        index = Self.makeIndex(members)
    }

    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.init(pairs.map { Member(key: $0.key, value: $0.value) })
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    // Rare (config editing, tests): positions after it shift, so rebuild.
                    members.remove(at: position)
                    index = Self.makeIndex(members)
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count >= Self.indexThreshold {
                    index = Self.makeIndex(members)
                }
            }
        }
    }

    public var keys: [String] { members.map(\.key) }

    /// This object with `other`'s members laid over it: a member of `other` replaces the one of
    /// the same key in place, new members are appended. Linear in the two sizes.
    public func merging(_ other: JSONObject) -> JSONObject {
        var merged = self
        merged.members.reserveCapacity(members.count + other.members.count)
        for member in other.members { merged[member.key] = member.value }
        return merged
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex(where: { $0.key == key })
    }

    private static func makeIndex(_ members: [Member]) -> [String: Int]? {
        guard members.count >= indexThreshold else { return nil }
        var index: [String: Int] = [:]
        index.reserveCapacity(members.count)
        for (position, member) in members.enumerated() where index[member.key] == nil {
            index[member.key] = position
        }
        return index
    }
}

extension JSONObject: Equatable {
    /// Equal when the members are, in order; the index follows from them.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members == rhs.members
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }
}

/// The members of one configuration object whose keys have been checked: what is left to read
/// are known keys, each once.
struct ConfigFields {
    /// The key path of the object itself, "" for the root.
    let path: String
    private let values: [String: JSONValue]

    init(path: String, values: [String: JSONValue]) {
        self.path = path
        self.values = values
    }

    subscript(key: String) -> JSONValue? { values[key] }

    func contains(_ key: String) -> Bool { values[key] != nil }

    /// The key path of a member: `sources[0]` + `auth` → `sources[0].auth`.
    func path(of key: String) -> String {
        Self.join(path, key)
    }

    static func join(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    /// The path of a member whose name is free text (a `status_map` key): dotted when it reads
    /// as an identifier, else quoted so spaces and dots in it stay unambiguous.
    static func join(_ parent: String, freeKey key: String) -> String {
        let plain = !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        return plain ? join(parent, key) : "\(parent)[\(JSONValue.string(key).serialized)]"
    }
}

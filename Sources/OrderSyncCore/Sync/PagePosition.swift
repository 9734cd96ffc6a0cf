/// Where a page of a list starts, as a checkpoint stores it: a page number, or an opaque
/// token the upstream handed out (a cursor value, or the URL of the next page).
///
/// In a checkpoint it is `"page": 3` or `"after": "eyJpZCI6…"`, beside the other fields.
public enum PagePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    case page(Int)
    case after(String)

    public var description: String {
        switch self {
        case .page(let number): "page \(number)"
        case .after: "a cursor position"
        }
    }

    private enum CodingKeys: String, CodingKey { case page, after }

    /// Reads `page` or `after` from the enclosing checkpoint object.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let token = try container.decodeIfPresent(String.self, forKey: .after) {
            self = .after(token)
        } else {
            let number = try container.decode(Int.self, forKey: .page)
            guard number >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: .page, in: container, debugDescription: "a page number is never negative")
            }
            self = .page(number)
        }
    }

    /// Writes `page` or `after` into the enclosing checkpoint object.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .page(let number): try container.encode(number, forKey: .page)
        case .after(let token): try container.encode(token, forKey: .after)
        }
    }
}

@testable import OrderSyncCore

/// Breaks a valid record structurally: replaces values with other types and edge values,
/// deletes members, wraps values in containers. Seeded, so a failure replays.
struct JSONMutator {
    var random: FuzzRandom

    /// Values upstreams have sent where something else belonged.
    static let hostile: [JSONValue] = [
        .null, .bool(true), .bool(false), .object(JSONObject()), .array([]),
        .number("0"), .number("-1"), .number("-0"), .number("1e400"), .number("-1e400"), .number("1e-400"),
        .number("99999999999999999999999"), .number("-99999999999999999999999"), .number("9223372036854775807"),
        .number("9223372036854775808"), .number("-9223372036854775809"), .number("0.000000000000000000001"),
        .number("3.14159"), .number("1E+2"), .number("20200230256161"), .number("99999999999999"),
        .string(""), .string(" "), .string("abc"), .string("-5"), .string("1e400"), .string("NaN"),
        .string("Infinity"), .string("-inf"), .string("12,50"), .string(" 12 "), .string("１２３"), .string("٣"),
        .string("99999999999999999999999.99"), .string("0x1F"), .string("2024-13-45"), .string("2024-02-30"),
        .string("2024-02-30T25:61:61Z"), .string("0000-00-00 00:00:00"), .string("9999-12-31T23:59:59+14:00"),
        .string("20200230126060"), .string("💥🧾"), .string("\u{0000}\u{FFFD}"), .string("€"),
        .string(String(repeating: "9", count: 400)), .string(String(repeating: "é", count: 2_000)),
        .array([.null]), .array([.object(JSONObject())]), .object(["id": .null]),
    ]

    mutating func mutate(_ value: JSONValue, times: Int) -> JSONValue {
        var result = value
        for _ in 0..<times {
            let paths = Self.paths(in: result)
            let path = random.pick(paths)
            result = apply(at: path[...], in: result)
        }
        return result
    }

    /// A random value: mostly hostile scalars, sometimes a small nested structure.
    mutating func randomValue(depth: Int = 0) -> JSONValue {
        guard depth < 3, random.chance(20) else { return random.pick(Self.hostile) }
        if random.chance(50) {
            return .array((0..<random.below(3)).map { _ in randomValue(depth: depth + 1) })
        }
        var object = JSONObject()
        for index in 0..<random.below(3) { object["k\(index)"] = randomValue(depth: depth + 1) }
        return .object(object)
    }

    private enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    /// Every node's path, the root included.
    private static func paths(in value: JSONValue) -> [[Step]] {
        var result: [[Step]] = [[]]
        switch value {
        case .object(let object):
            for member in object.members {
                result += paths(in: member.value).map { [.key(member.key)] + $0 }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                result += paths(in: element).map { [.index(index)] + $0 }
            }
        default: break
        }
        return result
    }

    private mutating func apply(at path: ArraySlice<Step>, in value: JSONValue) -> JSONValue {
        guard let step = path.first else { return replacement(for: value) }
        let rest = path.dropFirst()
        switch (step, value) {
        case (.key(let key), .object(var object)):
            guard let child = object[key] else { return value }
            if rest.isEmpty, random.chance(25) {
                object[key] = nil
            } else {
                object[key] = apply(at: rest, in: child)
            }
            return .object(object)
        case (.index(let index), .array(var elements)) where index < elements.count:
            if rest.isEmpty, random.chance(20) {
                elements.remove(at: index)
            } else if rest.isEmpty, random.chance(10) {
                elements.append(contentsOf: Array(repeating: elements[index], count: 1 + random.below(3)))
            } else {
                elements[index] = apply(at: rest, in: elements[index])
            }
            return .array(elements)
        default:
            return value
        }
    }

    /// What a node becomes: another type, an edge value, a wrapped copy, or gains a member.
    private mutating func replacement(for value: JSONValue) -> JSONValue {
        switch random.below(10) {
        case 0: return .array([value])
        case 1: return .object(["value": value])
        case 2:
            guard case .object(var object) = value else { return randomValue() }
            object["x-\(random.below(100))"] = randomValue()
            return .object(object)
        case 3:
            // The same value as the other scalar kind: "12" ↔ 12.
            switch value {
            // Only a valid literal becomes a number: the parser never yields any other.
            case .string(let text):
                if case .number? = try? JSONValue.parse(text) { return .number(text) }
                return randomValue()
            case .number(let text): return .string(text)
            default: return randomValue()
            }
        default: return randomValue()
        }
    }
}

import Foundation

/// What `sync_state.cursor` holds for each kind of stream: small JSON objects an operator can
/// read (`{"synced_through":"2026-11-25T21:00:00Z"}`) and edit by hand to re-read a range.
enum Checkpoints {
    /// A date-window stream: the upper bound of the last completed window, and the position
    /// inside a window that was interrupted.
    struct DateWindow: Codable, Equatable {
        var syncedThrough: String?
        var window: WindowProgress?
    }

    /// How far an unfinished window (or backfill) got: the next slice and page to read.
    struct WindowProgress: Codable, Equatable {
        var from: String
        var to: String?
        var sliceFrom: String
        var page: Int
        /// The page size `page` counts in: with another size, page N starts elsewhere.
        var pageSize: Int?
    }

    /// A descending scan or an open-order refresh: when the last complete pass started.
    struct Pass: Codable, Equatable {
        var syncedThrough: String
    }

    /// A backfill: the range asked for, where it stands, and when it completed.
    struct Backfill: Codable, Equatable {
        var since: String
        var until: String?
        var windowTo: String
        var sliceFrom: String
        var page: Int
        var pageSize: Int?
        var completedAt: String?
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String?) -> T? {
        guard let text, let data = text.data(using: .utf8) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(type, from: data)
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain structs cannot fail.
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func instant(_ text: String?) -> Instant? {
        text.flatMap { try? TimestampParser.parse($0, timeZone: TimeZone(identifier: "UTC")!) }
    }
}

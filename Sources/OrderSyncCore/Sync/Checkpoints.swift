import FoundationEssentials

/// What `sync_state.cursor` holds for each kind of stream: small JSON objects an operator can
/// read (`{"synced_through":"2026-11-25T21:00:00Z"}`) and edit by hand to re-read a range.
///
/// Typed: instants are `Instant`s and positions are `PagePosition`s, decoded strictly. A cursor
/// that does not decode fails the run with `SyncError.badCheckpoint` naming the stream and the
/// value; it never silently becomes "no checkpoint" (which would re-read or skip a range).
enum Checkpoints {
    /// A date-window stream: the upper bound of the last completed window, and the position
    /// inside a window that was interrupted.
    struct DateWindow: Codable, Equatable {
        var syncedThrough: Instant?
        var window: WindowProgress?

        enum CodingKeys: String, CodingKey { case syncedThrough = "synced_through", window }

        init(syncedThrough: Instant?, window: WindowProgress? = nil) {
            (self.syncedThrough, self.window) = (syncedThrough, window)
        }

        /// `{}` or a misspelt key would otherwise read as "no checkpoint": the stream would
        /// start again from `start_date`. One of the two must be there.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            syncedThrough = try container.decodeIfPresent(Instant.self, forKey: .syncedThrough)
            window = try container.decodeIfPresent(WindowProgress.self, forKey: .window)
            guard syncedThrough != nil || window != nil else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "neither synced_through nor window"))
            }
        }
    }

    /// How far an unfinished window (or backfill) got: the next slice and page to read.
    struct WindowProgress: Codable, Equatable {
        var from: Instant
        var to: Instant?
        var sliceFrom: Instant
        /// Where the next page starts (`page` in the JSON, or `after` for a cursor or next link).
        var position: PagePosition
        /// The page size `position` counts in: with another size, page N starts elsewhere.
        var pageSize: Int?

        enum CodingKeys: String, CodingKey { case from, to, sliceFrom = "slice_from", pageSize = "page_size" }

        init(from: Instant, to: Instant?, sliceFrom: Instant, position: PagePosition, pageSize: Int?) {
            (self.from, self.to, self.sliceFrom, self.position, self.pageSize) = (from, to, sliceFrom, position, pageSize)
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            from = try container.decode(Instant.self, forKey: .from)
            to = try container.decodeIfPresent(Instant.self, forKey: .to)
            sliceFrom = try container.decode(Instant.self, forKey: .sliceFrom)
            pageSize = try container.decodeIfPresent(Int.self, forKey: .pageSize)
            position = try PagePosition(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(from, forKey: .from)
            try container.encodeIfPresent(to, forKey: .to)
            try container.encode(sliceFrom, forKey: .sliceFrom)
            try container.encodeIfPresent(pageSize, forKey: .pageSize)
            try position.encode(to: encoder)
        }
    }

    /// A descending scan, an open-order refresh or a child sweep: when the last complete pass started.
    struct Pass: Codable, Equatable {
        var syncedThrough: Instant

        enum CodingKeys: String, CodingKey { case syncedThrough = "synced_through" }
    }

    /// A backfill: the range asked for, where it stands, and when it completed.
    struct Backfill: Codable, Equatable {
        var since: String
        var until: String?
        var windowTo: Instant
        var sliceFrom: Instant
        var position: PagePosition
        var pageSize: Int?
        var completedAt: Instant?
        /// This range was started over by `--restart`: an interrupted restart resumes with it
        /// (still re-writing every order) instead of starting over a second time.
        var restart: Bool?

        enum CodingKeys: String, CodingKey {
            case since, until, windowTo = "window_to", sliceFrom = "slice_from", pageSize = "page_size"
            case completedAt = "completed_at", restart
        }

        init(since: String, until: String?, windowTo: Instant, sliceFrom: Instant, position: PagePosition, pageSize: Int?,
             completedAt: Instant? = nil, restart: Bool? = nil) {
            (self.since, self.until, self.windowTo, self.sliceFrom) = (since, until, windowTo, sliceFrom)
            (self.position, self.pageSize, self.completedAt, self.restart) = (position, pageSize, completedAt, restart)
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            since = try container.decode(String.self, forKey: .since)
            until = try container.decodeIfPresent(String.self, forKey: .until)
            windowTo = try container.decode(Instant.self, forKey: .windowTo)
            sliceFrom = try container.decode(Instant.self, forKey: .sliceFrom)
            pageSize = try container.decodeIfPresent(Int.self, forKey: .pageSize)
            completedAt = try container.decodeIfPresent(Instant.self, forKey: .completedAt)
            restart = try container.decodeIfPresent(Bool.self, forKey: .restart)
            position = try PagePosition(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(since, forKey: .since)
            try container.encodeIfPresent(until, forKey: .until)
            try container.encode(windowTo, forKey: .windowTo)
            try container.encode(sliceFrom, forKey: .sliceFrom)
            try container.encodeIfPresent(pageSize, forKey: .pageSize)
            try container.encodeIfPresent(completedAt, forKey: .completedAt)
            try container.encodeIfPresent(restart, forKey: .restart)
            try position.encode(to: encoder)
        }
    }

    /// Decodes a stored cursor; nil only when there is none. A cursor that is present but does
    /// not decode is an error that names the stream and repeats the value.
    static func decode<T: Decodable>(_ type: T.Type, from text: String?, source: String, stream: String) throws(SyncError) -> T? {
        guard let text else { return nil }
        let decoder = JSONDecoder()
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw SyncError.badCheckpoint(source: source, stream: stream, value: text, reason: Self.reason(error))
        }
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        // Encoding these plain structs cannot fail.
        String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// One encoder for every checkpoint (one is written per page): its settings never change,
    /// and `JSONEncoder` is safe to share. The keys are spelt snake_case in each `CodingKeys`
    /// rather than by a key strategy, which converted every key on every page.
    private static let encoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A short, operator-facing reason from a `DecodingError`.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }
            return keys.isEmpty ? "" : "\(keys.joined(separator: ".")): "
        }
        switch error {
        case .dataCorrupted(let context):
            // The decoder's own complaint about the bytes carries the parser's error.
            return path(context) + (context.codingPath.isEmpty && context.underlyingError != nil ? "not JSON" : context.debugDescription)
        case .keyNotFound(let key, let context): return path(context) + "missing \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return path(context) + context.debugDescription
        @unknown default: return "unreadable"
        }
    }
}

/// Instants in checkpoints are ISO 8601 UTC text, read strictly.
extension Instant: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try TimestampParser.parse(text, timeZone: .utc)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not an ISO 8601 time")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

import FoundationEssentials

/// Replaces every credential in text that is about to leave the process (a log line, console
/// output, an error stored in the database), in every form an upstream may echo it back:
///
/// - literally;
/// - JSON-escaped, with any mix of `\"`, `\\`, `\/` and `\uXXXX` (any character, upper or lower
///   hex, surrogate pairs), also escaped twice (JSON inside a JSON string);
/// - percent-encoded (upper or lower hex, `+` for a space), also twice, and inside JSON text;
/// - base64 (standard or URL-safe, padded or not) of the secret alone and of `user:password`
///   for each pair of secrets that may travel together (Basic authentication).
///
/// Each form is found by decoding the text into a view whose bytes remember where in the
/// original they came from, then searching the plain secret in that view: one pass per view,
/// so the work is linear in the text whatever mix of escapes a hostile body uses.
///
/// Secrets shorter than `minimumLength` bytes are not searched: one or two characters cannot be
/// told apart from ordinary text, and replacing them everywhere would make every line unreadable.
public struct Redactor: Sendable, Equatable {
    /// What a credential is replaced with.
    public static let placeholder = "<redacted>"
    /// Shorter secrets are left alone (see the type's documentation).
    public static let minimumLength = 3
    /// Redacts nothing.
    public static let none = Redactor(secrets: [])

    /// The plain byte forms searched in every view, longest first so a token is not
    /// half-replaced through a shorter value it contains.
    let needles: [[UInt8]]

    /// - Parameters:
    ///   - secrets: every credential; empty and too-short values are ignored.
    ///   - credentialPairs: (user, password) pairs whose `user:password` may be sent base64-encoded.
    public init(secrets: [String], credentialPairs: [(String, String)] = []) {
        var forms = Set<[UInt8]>()
        for secret in secrets where secret.utf8.count >= Self.minimumLength {
            forms.insert(Array(secret.utf8))
            forms.formUnion(Self.base64Forms(of: Array(secret.utf8)))
        }
        for (user, password) in credentialPairs where !user.isEmpty && !password.isEmpty {
            forms.formUnion(Self.base64Forms(of: Array("\(user):\(password)".utf8)))
        }
        needles = forms.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
    }

    /// A redactor for the secrets one request carries, where any two of them may be a user and
    /// a password (there are two or three at most).
    public init(requestSecrets secrets: [String]) {
        let usable = secrets.filter { !$0.isEmpty }
        var pairs: [(String, String)] = []
        for first in usable {
            for second in usable where second != first { pairs.append((first, second)) }
        }
        self.init(secrets: usable, credentialPairs: pairs)
    }

    /// True when there is nothing to redact.
    public var isEmpty: Bool { needles.isEmpty }

    /// `text` with every form of every secret replaced by `placeholder`.
    public func redact(_ text: String) -> String {
        guard !needles.isEmpty, !text.isEmpty else { return text }
        let raw = RedactionView(Array(text.utf8))
        var views = [raw]
        // Decoding only matters when the text has something to decode.
        if raw.bytes.contains(UInt8(ascii: "\\")) || raw.bytes.contains(UInt8(ascii: "%"))
            || raw.bytes.contains(UInt8(ascii: "+"))
        {
            let json = raw.jsonUnescaped()
            let percent = raw.percentDecoded()
            views += [json, json.jsonUnescaped(), percent, percent.percentDecoded(), json.percentDecoded(),
                      percent.jsonUnescaped()]
        }
        var ranges: [Range<Int>] = []
        for view in views {
            for needle in needles { ranges += view.originalRanges(of: needle) }
        }
        guard !ranges.isEmpty else { return text }
        return Self.replace(ranges, in: raw.bytes)
    }

    /// The original bytes with the (possibly overlapping) ranges replaced, one placeholder per
    /// merged range.
    private static func replace(_ ranges: [Range<Int>], in bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        var merged: Range<Int>?
        func flush(_ range: Range<Int>) {
            output += bytes[position..<range.lowerBound]
            output += Array(placeholder.utf8)
            position = range.upperBound
        }
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let current = merged, range.lowerBound <= current.upperBound {
                merged = current.lowerBound..<max(current.upperBound, range.upperBound)
            } else {
                if let current = merged { flush(current) }
                merged = range
            }
        }
        if let merged { flush(merged) }
        output += bytes[position...]
        return String(decoding: output, as: UTF8.self)
    }

    /// Standard and URL-safe base64, padded and unpadded.
    static func base64Forms(of bytes: [UInt8]) -> Set<[UInt8]> {
        let padded = Data(bytes).base64EncodedString()
        let unpadded = String(padded.reversed().drop(while: { $0 == "=" }).reversed())
        let urlSafe = { (text: String) in
            text.replacing("+", with: "-").replacing("/", with: "_")
        }
        return Set([padded, unpadded, urlSafe(padded), urlSafe(unpadded)].map { Array($0.utf8) })
    }
}

extension Redactor {
    /// Text for a place that keeps it (a stored error, a rejection reason): redacted, control
    /// characters escaped so it stays one line, and cut to `limit` characters.
    public func sanitized(_ text: String, limit: Int) -> String {
        var result = ""
        var count = 0
        for scalar in redact(text).unicodeScalars {
            guard count < limit else {
                result += "…"
                break
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.properties.generalCategory == .control:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }
}

import Foundation
import OrderSyncCore

/// The encodings an upstream may echo a credential back in, for tests that play such an
/// upstream and then check that none of them reached the output or the database.
public enum SecretForms {
    /// The text as the inside of a JSON string: `"` and `\` escaped, `/` kept.
    public static func jsonEscaped(_ text: String) -> String {
        String(JSONValue.string(text).serialized.dropFirst().dropLast())
    }

    /// As PHP's `json_encode` writes it: `/` as `\/` too.
    public static func phpEscaped(_ text: String) -> String {
        jsonEscaped(text).replacingOccurrences(of: "/", with: "\\/")
    }

    /// Every `every`-th character as `\uXXXX` (surrogate pairs beyond the BMP), the others
    /// JSON-escaped as usual: a mix of escapes for one secret.
    public static func unicodeEscaped(_ text: String, uppercase: Bool = false, every: Int = 1) -> String {
        var result = ""
        for (position, character) in text.enumerated() {
            guard position % every == 0 else {
                result += jsonEscaped(String(character))
                continue
            }
            for unit in String(character).utf16 {
                let hex = String(unit, radix: 16, uppercase: uppercase)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return result
    }

    /// Percent-encoded UTF-8, unreserved characters kept; `plusForSpace` as forms encode.
    public static func percentEncoded(_ text: String, uppercase: Bool, plusForSpace: Bool = false) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, CharacterSet.alphanumerics.contains(scalar) || "-._~".unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if plusForSpace, byte == 0x20 {
                result += "+"
            } else {
                result += "%" + String(format: uppercase ? "%02X" : "%02x", byte)
            }
        }
        return result
    }

    public static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    /// Every form above of `secret` (JSON-in-JSON and percent-in-JSON included).
    public static func all(of secret: String) -> [String] {
        let base64 = base64(secret)
        return [
            secret, jsonEscaped(secret), phpEscaped(secret),
            unicodeEscaped(secret), unicodeEscaped(secret, uppercase: true), unicodeEscaped(secret, every: 2),
            unicodeEscaped(secret, uppercase: true, every: 3),
            percentEncoded(secret, uppercase: true), percentEncoded(secret, uppercase: false),
            base64, base64.replacingOccurrences(of: "=", with: ""),
            base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"),
            jsonEscaped(jsonEscaped(secret)),
            percentEncoded(secret, uppercase: true).replacingOccurrences(of: "/", with: "\\/"),
        ]
    }
}

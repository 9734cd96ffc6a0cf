import FoundationEssentials
import Glibc

/// The `auth` object: each secret given inline, by environment variable or by file, resolved
/// here so the rest of the daemon only sees `Secret` values. No message ever shows a secret.
extension ConfigReader {
    static let secretNames = ["token", "username", "password"]

    static let authKeys = secretNames.flatMap { [$0, $0 + "_env", $0 + "_file"] }

    static func secretNames(for kind: DialectRequirements.AuthKind) -> [String] {
        switch kind {
        case .token, .apiKey: ["token"]
        case .usernamePassword: ["username", "password"]
        }
    }

    mutating func readAuth(in fields: ConfigFields, dialect: DialectRequirements?) -> SourceAuth? {
        let path = fields.path(of: "auth")
        guard let value = fields["auth"] else {
            var message = "required key missing"
            if let dialect {
                let needed = Self.secretNames(for: dialect.auth).joined(separator: " and ")
                message += "; dialect \"\(dialect.name)\" needs a \(needed)"
            }
            report(path, message)
            return nil
        }
        // A string where the object belongs is likely the token itself: never echo it.
        guard let auth = self.fields(of: value, at: path, allowed: Self.authKeys, sensitive: true) else {
            return nil
        }
        let reportedBefore = problems.count
        let token = readSecret("token", in: auth, dialect: dialect)
        let username = readSecret("username", in: auth, dialect: dialect)
        let password = readSecret("password", in: auth, dialect: dialect)
        guard problems.count == reportedBefore else { return nil }
        return SourceAuth(token: token, username: username, password: password)
    }

    /// One secret from whichever of `name`, `name_env` and `name_file` is given. When the dialect
    /// is known, a secret it needs must be given and one it does not use must not be.
    private mutating func readSecret(_ name: String, in auth: ConfigFields, dialect: DialectRequirements?) -> Secret? {
        let keys = [name, name + "_env", name + "_file"]
        let given = keys.filter(auth.contains)
        let alternatives = "\(keys[0]), \(keys[1]) or \(keys[2])"
        if let dialect, !Self.secretNames(for: dialect.auth).contains(name) {
            let needed = Self.secretNames(for: dialect.auth).joined(separator: " and ")
            for key in given {
                report(
                    auth.path(of: key), "not used by dialect \"\(dialect.name)\", which authenticates with a \(needed)")
            }
            return nil
        }
        guard let key = given.first else {
            if let dialect {
                report(
                    auth.path(of: name),
                    "required key missing; dialect \"\(dialect.name)\" needs a \(name): set one of \(alternatives)")
            }
            return nil
        }
        guard given.count == 1 else {
            report(auth.path(of: given[1]), "conflicts with \"\(key)\"; set only one of \(alternatives)")
            return nil
        }
        switch key {
        case name: return string(name, in: auth, sensitive: true).map(Secret.init)
        case _ where !resolveSecrets: return string(key, in: auth).map { _ in Secret("") }
        case keys[1]: return readEnvironmentSecret(key, in: auth)
        default: return readFileSecret(key, in: auth)
        }
    }

    private mutating func readEnvironmentSecret(_ key: String, in auth: ConfigFields) -> Secret? {
        guard let variable = string(key, in: auth) else { return nil }
        guard let value = environment[variable] else {
            report(auth.path(of: key), "environment variable \(variable) is not set")
            return nil
        }
        guard !value.isEmpty else {
            report(auth.path(of: key), "environment variable \(variable) is empty")
            return nil
        }
        return Secret(value)
    }

    /// A secret file: an absolute path as is; a relative one in `$CREDENTIALS_DIRECTORY` (where
    /// systemd's `LoadCredential=` puts them) when it is there, else next to the configuration.
    private mutating func readFileSecret(_ key: String, in auth: ConfigFields) -> Secret? {
        guard let file = string(key, in: auth) else { return nil }
        let path = auth.path(of: key)
        var candidates: [String] = []
        if file.hasPrefix("/") {
            candidates = [file]
        } else {
            if let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty {
                candidates.append(Self.joinPath(directory, file))
            }
            candidates.append(Self.joinPath(baseDirectory, file))
        }
        for (position, candidate) in candidates.enumerated() {
            switch FileBytes.read(atPath: candidate) {
            case .success(let bytes):
                // Editors and `echo` add a final newline that is no part of the secret. Trimmed
                // as bytes: in a String "\r\n" is one character that ends with neither.
                var end = bytes.endIndex
                while end > bytes.startIndex, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
                guard let text = String(bytes: bytes[..<end], encoding: .utf8) else {
                    report(path, "the secret file \(candidate) is not UTF-8 text")
                    return nil
                }
                guard !text.isEmpty else {
                    report(path, "the secret file \(candidate) is empty")
                    return nil
                }
                warnIfShared(candidate, at: path)
                return Secret(text)
            case .failure(let failure):
                let isLast = position == candidates.count - 1
                if failure.code == ENOENT, !isLast { continue }
                var message = "cannot read \(candidate): \(failure.reason)"
                if position > 0 {
                    message += " (not found in $CREDENTIALS_DIRECTORY either: \(candidates[0]))"
                }
                report(path, message)
                return nil
            }
        }
        return nil
    }

    /// A secret file that group or others may read (or write) still works, but anyone on the
    /// machine may have the credential: say so, naming the file and the key, never the content.
    private mutating func warnIfShared(_ file: String, at path: String) {
        var info = stat()
        guard stat(file, &info) == 0, info.st_mode & 0o077 != 0 else { return }
        let mode = String(info.st_mode & 0o777, radix: 8)
        warn(path, "the secret file \(file) is accessible to group or others (mode \(mode)); restrict it: chmod 600 \(file)")
    }

    static func joinPath(_ directory: String, _ file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }
}

import FoundationEssentials
import OrderSyncCore
import PlatformSupport
import Glibc

/// Where a command's output goes: stdout for results, stderr for diagnostics. Tests capture both.
public struct Console: Sendable {
    public let out: @Sendable (String) -> Void
    public let err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    /// This console with everything passed through the redactor `redaction` holds when it is
    /// written (filled once the configuration is loaded): no secret reaches stdout or stderr.
    public func redacting(_ redaction: LockedBox<Redactor>) -> Console {
        let (out, err) = (out, err)
        return Console(
            out: { text in out(redaction.current.redact(text)) }, err: { text in err(redaction.current.redact(text)) })
    }

    /// A reader that went away (`ordersync status | head -1`) is an error ignored, not a crash:
    /// SIGPIPE is ignored, and a failed write is dropped.
    public static let standard = Console(
        out: { text in StandardStreams.write(text + "\n", to: STDOUT_FILENO) },
        err: { text in StandardStreams.write(text + "\n", to: STDERR_FILENO) })
}

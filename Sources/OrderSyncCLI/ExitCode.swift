/// The process exit codes of `interface.md` (sysexits.h values where one fits).
public enum ExitCode: Int32, Sendable {
    case success = 0
    case failure = 1
    case usage = 64
    case incomplete = 75
    case configuration = 78
}

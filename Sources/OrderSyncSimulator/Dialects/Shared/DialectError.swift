/// A request the dialect refuses, answered with `status` and a JSON body in
/// the dialect's own error shape.
struct DialectError: Error, Sendable {
    var status: Int
    var message: String

    static func badRequest(_ message: String) -> DialectError {
        DialectError(status: 400, message: message)
    }

    static func notFound(_ message: String) -> DialectError {
        DialectError(status: 404, message: message)
    }

    static func unprocessable(_ message: String) -> DialectError {
        DialectError(status: 422, message: message)
    }
}

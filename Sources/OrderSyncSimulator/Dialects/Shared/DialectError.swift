/// A request the dialect refuses, answered with `status` and a JSON body in
/// the dialect's own error shape.
@_spi(SimulatedDialects) public struct DialectError: Error, Sendable {
    @_spi(SimulatedDialects) public var status: Int
    @_spi(SimulatedDialects) public var message: String

    @_spi(SimulatedDialects) public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    @_spi(SimulatedDialects) public static func badRequest(_ message: String) -> DialectError {
        DialectError(status: 400, message: message)
    }

    @_spi(SimulatedDialects) public static func notFound(_ message: String) -> DialectError {
        DialectError(status: 404, message: message)
    }

    @_spi(SimulatedDialects) public static func unprocessable(_ message: String) -> DialectError {
        DialectError(status: 422, message: message)
    }
}

/// Why one upstream record could not become a canonical record. The record is kept in
/// `rejected_records` with this text as the reason.
public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the record, e.g. `lines[2].quantity`.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

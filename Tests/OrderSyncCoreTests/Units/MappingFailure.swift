import Testing

@testable import OrderSyncCore

/// The `MappingError` a read throws; records an issue (at the caller) when it succeeds instead.
func mappingFailure<T>(
    _ read: () throws(MappingError) -> T, sourceLocation: SourceLocation = #_sourceLocation
) -> MappingError? {
    do {
        let value = try read()
        Issue.record("expected a MappingError, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

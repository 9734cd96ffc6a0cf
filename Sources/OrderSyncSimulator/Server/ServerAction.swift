/// What the server does with one request: answer it, or misbehave on purpose.
public enum ServerAction: Sendable, Equatable {
    /// Send the response now.
    case respond(HTTPResponse)
    /// Wait, then send the response (a slow upstream).
    case respondAfter(milliseconds: Int, HTTPResponse)
    /// Close the connection with `SO_LINGER` 0, so the client sees a reset
    /// and no response at all.
    case reset
    /// Announce the full `Content-Length`, send only part of the body, then
    /// close: the client sees a body cut short.
    case truncate(HTTPResponse)
}

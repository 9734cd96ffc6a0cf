import Foundation
import OrderSyncCore

/// An erp upstream that deleted some orders: the real transport, except that the hidden ids
/// vanish from list pages (`items`) and their detail answers 404, as erp documents for an
/// order it does not have. For verify's "gone upstream" without trusting the simulator.
public final class HidingTransport: HTTPTransport {
    private let base: any HTTPTransport
    private let hidden: LockedBox<Set<String>>
    /// What a hidden order's detail answers: 404 (deleted), or e.g. 503 (the lookup fails).
    private let detailStatus: Int

    public init(hiding ids: Set<String>, detailStatus: Int = 404, base: any HTTPTransport = CurlTransport.shared) {
        self.base = base
        self.hidden = LockedBox(ids)
        self.detailStatus = detailStatus
    }

    /// Brings hidden orders back.
    public func reveal(_ ids: Set<String>) {
        hidden.withValue { $0.subtract(ids) }
    }

    public func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> HTTPResponse {
        let hidden = hidden.current
        let path = request.url?.path ?? ""
        if let last = path.split(separator: "/").last, path.contains("/obapi/v1/orders/"), hidden.contains(String(last)) {
            return HTTPResponse(status: detailStatus, headers: ["Content-Type": "application/json"], body: Array(#"{"error":"not found"}"#.utf8))
        }
        var response = try await base.perform(request, limits: limits)
        guard path.hasSuffix("/obapi/v1/orders"), var body = (try? JSONValue.parse(response.body))?.objectValue,
              let items = body["items"]?.arrayValue else { return response }
        body["items"] = .array(items.filter { item in !(item["id"]?.scalarText.map(hidden.contains) ?? false) })
        response.body = Array(JSONValue.object(body).serialized.utf8)
        return response
    }
}

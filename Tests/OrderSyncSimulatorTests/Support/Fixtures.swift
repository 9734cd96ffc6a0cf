import Foundation
import OrderSyncSimulator

/// 2026-04-30 12:00:00 UTC: a fixed `now`, so data sets are reproducible.
let fixedNow = Date(timeIntervalSince1970: 1_777_550_400)

/// Runs `body` against a started simulator and always stops it.
func withSimulator<T>(orders: Int = 120, seed: UInt64 = 7, configure: (inout SimulatorConfiguration) -> Void = { _ in },
                      _ body: (Simulator) throws -> T) throws -> T {
    var configuration = SimulatorConfiguration(ordersPerDialect: orders, seed: seed, now: fixedNow)
    configure(&configuration)
    let simulator = Simulator(configuration: configuration)
    try simulator.start()
    defer { simulator.stop() }
    return try body(simulator)
}

extension Simulator {
    /// A fresh keep-alive connection to this simulator.
    func client() throws -> TestHTTPClient {
        try TestHTTPClient(port: port)
    }

    /// A reseller `auth_token` from `/reseller/api/v1/authenticate`.
    func resellerToken(_ client: TestHTTPClient) throws -> String {
        let response = try client.request("POST", "/reseller/api/v1/authenticate",
                                          body: #"{"username":"sim-user","password":"sim-pass"}"#)
        return try response.object()["auth_token"] as? String ?? ""
    }
}

/// The static token of a dialect under the default configuration.
func token(_ dialect: SimDialect) -> String {
    "sim-\(dialect.rawValue)-token"
}

/// UTC `YYYY-MM-DD` of a date.
func day(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: date)
}

/// A decimal string or JSON number as exact minor units (test-side parser).
func minor(_ value: Any?, exponent: Int = 2) -> Int64? {
    let text: String
    switch value {
    case let string as String: text = string
    case let number as NSNumber: text = number.stringValue
    default: return nil
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    var fraction = parts.count > 1 ? String(parts[1]) : ""
    while fraction.count > exponent, fraction.hasSuffix("0") { fraction.removeLast() }
    guard fraction.count <= exponent else { return nil }
    fraction += String(repeating: "0", count: exponent - fraction.count)
    return Int64(String(parts[0]) + fraction)
}

import OrderSyncCore

/// How `verify` prints a report: a line per source, a line per window that differs.
enum VerifyOutput {
    static let textExamples = 5
    static let jsonExamples = 20

    static func text(_ report: VerifyReport) -> String {
        let name = report.source
        let scope = "\(report.upstreamOrders) upstream, \(report.storedOrders) here; \(report.run.requests) requests"
        guard report.run.outcome == .ok else {
            return "\(name): verify \(report.run.outcome.rawValue): \(report.run.error ?? "no reason recorded")"
        }
        let unverified = report.unverified.isEmpty ? nil
            : "  \(report.unverified.count) order(s) the lists no longer show could not be looked up (e.g. \(report.unverified.prefix(textExamples).joined(separator: ", "))): not known to be gone; verify again later"
        guard report.differences > 0 else {
            return unverified.map { "\(name): UNVERIFIED (\(scope))\n\($0)" } ?? "\(name): equal (\(scope))"
        }
        var lines = ["\(name): DIFFERS: \(summary(report)) (\(scope))"]
        for window in report.windows {
            let parts = [("missing here", window.missingHere), ("gone upstream", window.goneUpstream), ("status differs", window.statusDiffers)]
                .filter { !$0.1.isEmpty }
                .map { "\($0.1.count) \($0.0) (e.g. \($0.1.prefix(textExamples).joined(separator: ", ")))" }
            lines.append("  \(window.label): \(parts.joined(separator: "; "))")
        }
        if let unverified { lines.append(unverified) }
        if report.repaired {
            lines.append(report.unresolved.isEmpty
                ? "\(name): repaired \(report.differences) difference(s); now equal"
                : "\(name): repaired \(report.differences - report.unresolved.count) of \(report.differences); still different: "
                    + report.unresolved.prefix(textExamples).joined(separator: ", ") + " (see rejected_records and status)")
        }
        return lines.joined(separator: "\n")
    }

    private static func summary(_ report: VerifyReport) -> String {
        "\(report.missingHere) missing here, \(report.goneUpstream) gone upstream, \(report.statusDiffers) status differs"
    }

    static func json(_ reports: [VerifyReport]) -> JSONValue {
        .object(["sources": .array(reports.map(json))])
    }

    private static func json(_ report: VerifyReport) -> JSONValue {
        func ids(_ list: [String]) -> JSONValue { .array(list.prefix(jsonExamples).map { .string($0) }) }
        func count(_ value: Int) -> JSONValue { .number(String(value)) }
        var object: JSONObject = [
            "source": .string(report.source), "outcome": .string(report.run.outcome.rawValue), "equal": .bool(report.isEqual),
            "upstream_orders": count(report.upstreamOrders), "stored_orders": count(report.storedOrders),
            "requests": count(report.run.requests), "missing_here": count(report.missingHere),
            "gone_upstream": count(report.goneUpstream), "status_differs": count(report.statusDiffers),
            "repaired": .bool(report.repaired), "unresolved": ids(report.unresolved), "unverified": ids(report.unverified),
            "windows": .array(report.windows.map { window in
                .object([
                    "window": .string(window.label), "missing_here": ids(window.missingHere),
                    "gone_upstream": ids(window.goneUpstream), "status_differs": ids(window.statusDiffers),
                ])
            }),
        ]
        if let error = report.run.error { object["error"] = .string(error) }
        return .object(object)
    }
}

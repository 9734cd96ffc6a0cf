import Foundation
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// Every reporting view on a database synced from the simulator, checked against figures the
/// test computes itself from the simulator's data set and the base tables (never from a view).
@Suite("reporting views against the simulator")
struct ReportingViewsTests {
    /// The product's dialects (the figures below are checked per dialect the product ships).
    static let dialects = DialectRegistry.builtIn.map { $0.name }
    static let utc = ZoneRules.utc

    /// One synced database shared by the checks below (a sync of five dialects is the slow part).
    static func withSyncedDatabase(_ body: (SyncHarness, Database) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(
                directory: directory, dialects: dialects, simulator: SimulatorConfiguration(ordersPerDialect: 80))
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current)")
            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            try await body(harness, db)
        }
    }

    @Test("orders_enriched, revenue, reconciliation, payment and freshness equal independent figures")
    func viewsEqualIndependentFigures() async throws {
        try await Self.withSyncedDatabase { harness, db in
            for dialect in try Self.dialects.map({ try #require(SimDialect(rawValue: $0)) }) {
                let source = harness.sourceName(dialect.rawValue)
                let orders = harness.simulator.snapshot(of: dialect)
                try checkEnriched(db, source: source, dialect: dialect, orders: orders)
                try checkRevenue(db, source: source, orders: orders)
                try checkReconciliation(db, source: source, orders: orders)
                try checkAging(db, source: source)
                try checkFreshness(db, source: source, orders: orders)
            }
            try checkPaymentStates(db, source: harness.sourceName("mobility"), orders: harness.simulator.snapshot(of: .mobility))
        }
    }

    @Test("after upstream changes (invoices beyond the order total, line edits) the views follow")
    func viewsFollowUpstreamChanges() async throws {
        try await withTemporaryDirectory { directory in
            // Sweep invoices on every poll (the default waits an hour between sweeps).
            let harness = try SyncHarness(
                directory: directory, dialects: ["mobility"], simulator: SimulatorConfiguration(ordersPerDialect: 80),
                extra: ["options": .object(JSONObject(["invoice_sweep_interval_seconds": .number("0")]))])
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current)")
            harness.simulator.mutate(.mobility, count: 80)
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current)")
            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            let source = harness.sourceName("mobility")
            let orders = harness.simulator.snapshot(of: .mobility)
            try checkReconciliation(db, source: source, orders: orders)
            try checkEnriched(db, source: source, dialect: .mobility, orders: orders)
            try checkRevenue(db, source: source, orders: orders)
            try checkPaymentStates(db, source: source, orders: orders)
            // The changes include invoices beyond their order's total: the failing path was taken.
            let failing = try rows(db, "SELECT count(*) FROM order_reconciliation WHERE source = ?1 AND reconciles = 0", source)
            #expect((failing.first?.int(0) ?? 0) > 0)
        }
    }

    @Test("source_freshness counts failures since the last success and keeps the last error")
    func freshnessAfterFailure() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"], simulator: SimulatorConfiguration(ordersPerDialect: 10))
            #expect(await harness.ordersync("run", "--once") == .success)
            harness.simulator.inject(SimFault(dialect: .erp, kind: .status(500, retryAfter: nil), count: 1000))
            #expect(await harness.ordersync("run", "--once") == .failure)
            #expect(await harness.ordersync("run", "--once") == .failure)
            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            let row = try #require(try db.makeStatement("SELECT * FROM source_freshness").query().first)
            #expect(row["consecutive_failures"]?.intValue == 2)
            #expect(row["last_run_outcome"]?.stringValue == "failed")
            #expect(row["last_error"]?.stringValue?.contains("500") == true)
            #expect(row["last_success_at"]?.stringValue != nil)
            #expect(row["orders"]?.intValue == 10)
        }
    }

    // MARK: - The checks

    private func rows(_ db: Database, _ sql: String, _ source: String) throws -> [Row] {
        try db.makeStatement(sql).query(source)
    }

    private func exponent(_ order: SimOrder) -> Int { Currency.exponent(of: order.currency ?? "") }

    private func checkEnriched(_ db: Database, source: String, dialect: SimDialect, orders: [SimOrder]) throws {
        let stored = Dictionary(uniqueKeysWithValues: try rows(db, """
            SELECT e.order_id, e.gross, e.gross_real, e.ordered_on, e.is_open, e.is_paid, e.dialect, o.status, o.ordered_at
            FROM orders_enriched e JOIN orders o USING (source, order_id) WHERE e.source = ?1
            """, source).map { ($0.string(0) ?? "", $0) })
        #expect(stored.count == orders.count, "\(source)")
        for order in orders {
            guard let row = stored[order.id] else { Issue.record("\(source) \(order.id) missing"); continue }
            let label = "\(source) order \(order.id)"
            #expect(row.string(1) == MinorUnits.format(order.grossMinor, exponent: exponent(order)), "\(label)")
            #expect(row.double(2) == Double(order.grossMinor) / pow(10, Double(exponent(order))), "\(label)")
            #expect(row.string(6) == dialect.rawValue)
            if row.string(8) != nil {
                #expect(row.string(3) == Instant(order.placedAt).dateText(in: Self.utc), "\(label)")
            } else {
                #expect(row.string(3) == nil, "\(label)")
            }
            let terminal = ["completed", "cancelled", "refunded"].contains(row.string(7) ?? "")
            #expect(row.int(4) == (terminal ? 0 : 1), "\(label)")
            let expectedPaid: Int?
            switch dialect {
            case .reseller: expectedPaid = order.isPaid.map { $0 ? 1 : 0 }
            case .mobility:
                let paid = order.invoices.filter { $0.paidOn != nil }.reduce(Int64(0)) { $0 + $1.amountMinor }
                expectedPaid = !order.invoices.isEmpty && paid >= order.grossMinor ? 1 : 0
            default: expectedPaid = nil
            }
            #expect(row.int(5) == expectedPaid, "\(label) is_paid")
        }
    }

    private struct Totals: Equatable {
        var orders = 0
        var gross: Int64 = 0
        var net: Int64?
        var tax: Int64?
    }

    private func checkRevenue(_ db: Database, source: String, orders: [SimOrder]) throws {
        let dated = Set(try rows(db, "SELECT order_id FROM orders WHERE source = ?1 AND ordered_at IS NOT NULL", source)
            .compactMap { $0.string(0) })
        var expected: [String: Totals] = [:]
        var expectedDays: [String: Int64] = [:]
        for order in orders {
            let day = dated.contains(order.id) ? Instant(order.placedAt).dateText(in: Self.utc) : "-"
            let key = "\(order.currency ?? "-") \(day == "-" ? "-" : String(day.prefix(7)))"
            var totals = expected[key] ?? Totals()
            totals.orders += 1
            totals.gross += order.grossMinor
            if let net = order.netMinor { totals.net = (totals.net ?? 0) + net }
            if let tax = order.taxMinor { totals.tax = (totals.tax ?? 0) + tax }
            expected[key] = totals
            expectedDays["\(order.currency ?? "-") \(day)", default: 0] += order.grossMinor
        }
        var monthly: [String: Totals] = [:]
        for row in try rows(db, "SELECT currency, month, orders, gross_minor, net_minor, tax_minor FROM revenue_monthly WHERE source = ?1", source) {
            let key = "\(row.string(0) ?? "-") \(row.string(1) ?? "-")"
            var totals = monthly[key] ?? Totals()
            totals.orders += row.int(2) ?? 0
            totals.gross += row.int64(3) ?? 0
            if let net = row.int64(4) { totals.net = (totals.net ?? 0) + net }
            if let tax = row.int64(5) { totals.tax = (totals.tax ?? 0) + tax }
            monthly[key] = totals
        }
        #expect(monthly == expected, "\(source) revenue_monthly")
        var daily: [String: Int64] = [:]
        for row in try rows(db, "SELECT currency, day, gross_minor FROM revenue_daily WHERE source = ?1", source) {
            daily["\(row.string(0) ?? "-") \(row.string(1) ?? "-")", default: 0] += row.int64(2) ?? 0
        }
        #expect(daily == expectedDays, "\(source) revenue_daily")
        // Per status, the monthly view adds up to the base table exactly.
        let byStatus = try rows(db, """
            SELECT (SELECT count(*) FROM orders WHERE source = ?1 AND status = r.status),
                   (SELECT sum(gross_minor) FROM orders WHERE source = ?1 AND status = r.status),
                   sum(r.orders), sum(r.gross_minor)
            FROM revenue_monthly r WHERE r.source = ?1 GROUP BY r.status
            """, source)
        for row in byStatus {
            #expect(row.int(0) == row.int(2) && row.int64(1) == row.int64(3), "\(source) per status")
        }
    }

    private func checkReconciliation(_ db: Database, source: String, orders: [SimOrder]) throws {
        let stored = Dictionary(uniqueKeysWithValues: try rows(db, """
            SELECT order_id, line_count, lines_basis, lines_minor, invoice_count, invoiced_minor, reconciles, reason
            FROM order_reconciliation WHERE source = ?1
            """, source).map { ($0.string(0) ?? "", $0) })
        #expect(stored.count == orders.count)
        for order in orders {
            guard let row = stored[order.id] else { continue }
            let label = "\(source) order \(order.id)"
            #expect(row.int(1) == order.lines.count, "\(label)")
            let grossLines = order.lines.allSatisfy { $0.grossMinor != nil }
            let netLines = order.lines.allSatisfy { $0.netMinor != nil }
            let expectedBasis: String? = order.lines.isEmpty ? nil : grossLines ? "gross" : (netLines && order.netMinor != nil) ? "net" : nil
            #expect(row.string(2) == expectedBasis, "\(label)")
            let linesSum: Int64? = switch expectedBasis {
            case "gross": order.lines.reduce(0) { $0 + $1.grossMinor! }
            case "net": order.lines.reduce(0) { $0 + $1.netMinor! }
            default: nil
            }
            #expect(row.int64(3) == linesSum, "\(label)")
            let orderFigure = expectedBasis == "net" ? order.netMinor : order.grossMinor
            let linesMatch = linesSum.map { $0 == orderFigure }
            #expect(row.int(4) == order.invoices.count, "\(label)")
            let invoiced = order.invoices.reduce(Int64(0)) { $0 + $1.amountMinor }
            let invoicesMatch: Bool? = order.invoices.isEmpty ? nil : invoiced == order.grossMinor
            if !order.invoices.isEmpty { #expect(row.int64(5) == invoiced, "\(label)") }
            let reconciles: Int? = linesMatch == false || invoicesMatch == false ? 0
                : (linesMatch == true || invoicesMatch == true) ? 1 : nil
            #expect(row.int(6) == reconciles, "\(label): \(row.string(7) ?? "")")
            if reconciles == 0 { #expect(row.string(7)?.contains("differ") == true, "\(label)") }
        }
    }

    private func checkAging(_ db: Database, source: String) throws {
        let now = Date().timeIntervalSince1970
        var expected: [String: Int] = [:]
        for row in try rows(db, "SELECT ordered_at FROM orders WHERE source = ?1 AND status NOT IN ('completed', 'cancelled', 'refunded')", source) {
            guard let text = row.string(0), let at = try? TimestampParser.parse(text, timeZone: Self.utc) else {
                expected["no date", default: 0] += 1
                continue
            }
            let age = Int((now - Double(at.secondsSinceEpoch)) / 86_400)
            let bucket = switch age {
            case ...7: "0-7 days"
            case ...30: "8-30 days"
            case ...90: "31-90 days"
            case ...180: "91-180 days"
            case ...365: "181-365 days"
            default: "over 365 days"
            }
            expected[bucket, default: 0] += 1
        }
        var aging: [String: Int] = [:]
        for row in try rows(db, "SELECT bucket, orders FROM open_orders_aging WHERE source = ?1", source) {
            aging[row.string(0) ?? "", default: 0] += row.int(1) ?? 0
        }
        #expect(aging == expected, "\(source) open_orders_aging")
    }

    private func checkFreshness(_ db: Database, source: String, orders: [SimOrder]) throws {
        let row = try #require(try rows(db, "SELECT * FROM source_freshness WHERE source = ?1", source).first)
        #expect(row["orders"]?.intValue == orders.count)
        #expect(row["lines"]?.intValue == orders.reduce(0) { $0 + $1.lines.count })
        #expect(row["invoices"]?.intValue == orders.reduce(0) { $0 + $1.invoices.count })
        #expect(row["rejected"]?.intValue == 0)
        #expect(row["consecutive_failures"]?.intValue == 0)
        #expect(row["last_success_at"]?.stringValue != nil)
        #expect((0...600).contains(row["lag_seconds"]?.intValue ?? -1))
        #expect(row["is_stale"]?.intValue == 0)
        #expect(row["timezone"]?.stringValue == "UTC")
    }

    private func checkPaymentStates(_ db: Database, source: String, orders: [SimOrder]) throws {
        let states = Dictionary(uniqueKeysWithValues: try rows(db, "SELECT invoice_id, payment_state, status FROM invoices WHERE source = ?1", source)
            .map { ($0.string(0) ?? "", ($0.string(1), $0.string(2))) })
        let invoices = orders.flatMap(\.invoices)
        #expect(states.count == invoices.count && !invoices.isEmpty)
        for invoice in invoices {
            #expect(states[invoice.id]?.0 == (invoice.paidOn == nil ? "open" : "paid"), "invoice \(invoice.id): \(String(describing: states[invoice.id]))")
        }
    }
}

import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// Every adapter meets structurally broken records: mapping returns an order or throws
/// `MappingError` (the record is then kept as rejected), never traps, and what it returns can
/// be stored (an id, finite quantities, numbered lines, a raw copy that is JSON).
@Suite("Reliability: dialect mapping fuzz")
struct DialectMappingFuzzTests {
    static let iterationsPerAdapter = 2_000

    @Test func everyRegisteredDialectHasASample() throws {
        for name in TestDialects.names {
            let type = try #require(DialectRegistry.adapter(named: name))
            #expect(DialectSamples.record(for: type.name) != nil, "no fuzz sample for dialect \(type.name)")
        }
    }

    @Test(arguments: TestDialects.names)
    func mappingSurvivesMutatedRecords(dialect: String) throws {
        Self.fuzzMapping(try #require(DialectRegistry.adapter(named: dialect)))
    }

    /// The id the pipeline looks an order up by (`identity(of:)`) is the id it is stored under
    /// (`orderID`), for every spelling of an id that maps at all. Otherwise the stored list
    /// fingerprint is never found and the order is fetched and rewritten on every poll.
    @Test(arguments: TestDialects.names)
    func identityAgreesWithTheStoredOrderID(dialect: String) throws {
        try Self.checkIdentity(try #require(DialectRegistry.adapter(named: dialect)))
    }

    static func checkIdentity(_ type: any DialectAdapter.Type) throws {
        let dialect = type.name
        let adapter = try type.init(source: DialectSamples.source(for: type))
        let sample = try #require(DialectSamples.record(for: dialect)?.objectValue)
        let context = DialectSamples.contexts(for: adapter).last ?? MappingContext()
        let identity = try #require(adapter.identity(of: sample))
        // The member the identity comes from.
        let key = try #require(sample.members.first { $0.value.scalarText == identity }?.key)
        let spellings: [JSONValue] = [
            .number("4711"), .string("4711"), .string("004711"), .number("-0"), .string("+4711"), .string(" 4711"),
            .number("4711.0"), .number("4.711e3"), .string("A-17/b"),
        ]
        for spelling in spellings {
            var record = sample
            record[key] = spelling
            guard let identity = adapter.identity(of: record),
                  let order = try? adapter.mapOrder(.object(record), context: context)
            else { continue }
            #expect(identity == order.orderID, "\(dialect): \(key) = \(spelling.serialized)")
        }
    }

    /// Maps thousands of mutations of the dialect's sample (and of other dialects' samples).
    static func fuzzMapping(_ type: any DialectAdapter.Type) {
        let dialect = type.name
        let adapter: any DialectAdapter
        do {
            adapter = try type.init(source: DialectSamples.source(for: type))
        } catch {
            Issue.record("the fuzz source for \(dialect) is refused: \(error)")
            return
        }
        let contexts = DialectSamples.contexts(for: adapter)
        let own = DialectSamples.record(for: dialect)
        let others = DialectSamples.allRecords
        // The unmutated sample maps: otherwise every mutation below only tests the first check.
        if let own {
            #expect(throws: Never.self, "the \(dialect) sample itself does not map") {
                try adapter.mapOrder(own, context: contexts.last ?? MappingContext())
            }
        }
        var mutator = JSONMutator(random: FuzzRandom(seed: Self.seed(dialect)))
        var mapped = 0
        for iteration in 0..<Self.iterationsPerAdapter {
            // Mostly the dialect's own shape; sometimes another dialect's (a misconfigured source).
            let base = own.flatMap { mutator.random.chance(85) ? $0 : nil } ?? mutator.random.pick(others)
            let record = mutator.mutate(base, times: 1 + mutator.random.below(4))
            var context = mutator.random.pick(contexts)
            if mutator.random.chance(10) {
                for name in context.references.keys {
                    context.references[name] = mutator.mutate(context.references[name] ?? .null, times: 2)
                }
            }
            let label = "\(dialect) iteration \(iteration): \(record.serialized.prefix(300))"
            if Self.check(adapter, record: record, context: context, label: label) { mapped += 1 }
        }
        // Some mutations leave the order mappable: the successful path was exercised too.
        #expect(own == nil || mapped > 0)
    }

    @Test(arguments: TestDialects.names)
    func envelopeCheckSurvivesMutatedBodies(dialect: String) throws {
        let type = try #require(DialectRegistry.adapter(named: dialect))
        guard let adapter = try? type.init(source: DialectSamples.source(for: type)) else { return }
        var mutator = JSONMutator(random: FuzzRandom(seed: Self.seed(dialect) ^ 0xE7E1))
        let envelopes = DialectSamples.envelopes.compactMap { try? JSONValue.parse($0) }
        for _ in 0..<1_000 {
            let body = mutator.mutate(mutator.random.pick(envelopes), times: 1 + mutator.random.below(3))
            do {
                try adapter.checkEnvelope(body)
            } catch {
                // A refusal must say something an operator can read.
                #expect(!error.description.isEmpty)
            }
        }
    }

    /// Maps one record and checks what a successful mapping promises the store; true when mapped.
    private static func check(_ adapter: any DialectAdapter, record: JSONValue, context: MappingContext, label: String) -> Bool {
        let identity = record.objectValue.flatMap { adapter.identity(of: $0) }
        if let identity { #expect(!identity.isEmpty, "\(label): empty identity") }
        let order: CanonicalOrder
        do {
            order = try adapter.mapOrder(record, context: context)
        } catch {
            #expect(!error.description.isEmpty, "\(label): a mapping error without a message")
            return false
        }
        #expect(!order.orderID.isEmpty, "\(label): mapped with an empty order id")
        // The pipeline looks stored orders up by identity: the two must agree, or the order is
        // re-fetched on every poll and its list fingerprint never matches.
        if let identity { #expect(identity == order.orderID, "\(label): identity \(identity) but order id \(order.orderID)") }
        #expect((try? JSONValue.parse(order.raw)) != nil, "\(label): raw is not JSON")
        for (index, line) in (order.lines ?? []).enumerated() {
            // order_lines.quantity is REAL NOT NULL: SQLite stores NaN as NULL and refuses the page.
            #expect(line.quantity.isFinite, "\(label): line \(index + 1) quantity \(line.quantity)")
            #expect(line.lineNo == index + 1, "\(label): line numbers \(order.lines?.map(\.lineNo) ?? [])")
        }
        return true
    }

    private static func seed(_ dialect: String) -> UInt64 {
        dialect.utf8.reduce(0x5EED_0000_0000_0001) { ($0 &* 31) &+ UInt64($1) }
    }
}

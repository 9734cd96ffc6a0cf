import Testing
@testable import OrderSyncCore

@Suite("SQLite statements and values")
struct SQLiteStatementTests {
    @Test(arguments: [
        SQLiteValue.integer(0), .integer(Int64.max), .integer(Int64.min), .integer(-1),
        .real(3.141592653589793), .real(-0.5), .real(1e300),
        .text(""), .text("Zürich – 東京 🚚"), .text("nul\u{0}inside"),
        .blob([]), .blob([0, 1, 255, 0]),
        .null,
    ])
    func valueRoundTripsThroughAColumn(_ value: SQLiteValue) throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            try db.execute("CREATE TABLE t(v)")  // no affinity: stored as given
            try db.cachedStatement("INSERT INTO t VALUES (?1)").execute(value)
            let row = try #require(try db.cachedStatement("SELECT v, typeof(v) FROM t").query().first)
            #expect(row[0] == value)
            let expectedType: SQLiteValue = switch value {
            case .integer: "integer"
            case .real: "real"
            case .text: "text"
            case .blob: "blob"
            case .null: "null"
            }
            #expect(row[1] == expectedType)
        }
    }

    @Test func swiftTypesBindAsTheirSQLiteValues() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            let select = try db.cachedStatement("SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8")
            let missing: String? = nil
            let present: Int? = 7
            let rows = try select.query(42, Int64.min, 2.5, "ünïcode", true, [UInt8]([9, 8]), missing, present)
            let row = try #require(rows.first)
            #expect(row.int(0) == 42)
            #expect(row.int64(1) == Int64.min)
            #expect(row.double(2) == 2.5)
            #expect(row.string(3) == "ünïcode")
            #expect(row[4] == .integer(1))
            #expect(row.bool(4) == true)
            #expect(row.blob(5) == [9, 8])
            #expect(row[6] == .null)
            #expect(row.int64(7) == 7)
        }
    }

    @Test func anArrayOfOptionalValuesBinds() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            let values: [SQLiteValue?] = [1, nil, "x"]
            let statement = try db.makeStatement("SELECT ?1, ?2, ?3")
            try statement.bind(values)
            #expect(try statement.query().first?.values == [1, .null, "x"])
        }
    }

    @Test func rowAccessorsAreStrictAboutStorageClass() throws {
        let row = Row(values: [.text("12"), .real(2.0), .real(2.5), .null], columnNames: ["a", "B", "c", "d"])
        #expect(row.int64(0) == nil)
        #expect(row.string(0) == "12")
        #expect(row.int64(1) == 2)
        #expect(row.int64(2) == nil)
        #expect(row.double(2) == 2.5)
        #expect(row.string(3) == nil)
        #expect(row["b"] == .real(2.0))
        #expect(row["missing"] == nil)
    }

    @Test func queryReportsColumnNamesAndStreamsRows() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT)")
            let insert = try db.cachedStatement("INSERT INTO t(id, name) VALUES (?1, ?2)")
            for id in 1...5 {
                try insert.execute(id, "n\(id)")
            }
            let select = try db.cachedStatement("SELECT id, name AS label FROM t WHERE id > ?1 ORDER BY id")
            #expect(select.columnNames == ["id", "label"])
            var names: [String] = []
            try select.forEachRow(2) { row in
                names.append(row.string(1) ?? "?")
                #expect(row.columnNames == ["id", "label"])
            }
            #expect(names == ["n3", "n4", "n5"])
            #expect(try select.query(4).map { $0.int64(0) } == [5])
            #expect(try select.scalar(5) == nil)
        }
    }

    @Test func wrongNumberOfValuesIsRefused() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            let statement = try db.makeStatement("SELECT ?1, ?2")
            let error = #expect(throws: SQLiteError.self) { try statement.bind(1) }
            #expect(error?.message.contains("expects 2, got 1") == true)
        }
    }

    @Test func errorDescriptionNamesTheSQLButNeverTheValues() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, secret TEXT)")
            let insert = try db.cachedStatement("INSERT INTO t(id, secret) VALUES (?1, ?2)")
            try insert.execute(1, "hunter2-token")
            let error = try #require(throws: SQLiteError.self) { try insert.execute(1, "sk_live_customer_card") }
            #expect(error.code == 19)
            #expect(error.extendedCode == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
            #expect(error.isConstraint && !error.isBusy && !error.isFull)
            #expect(error.description
                == "SQLite error 19: UNIQUE constraint failed: t.id - while executing `INSERT INTO t(id, secret) VALUES (?1, ?2)`")
            #expect(!error.description.contains("sk_live"))
            #expect(!String(reflecting: error).contains("sk_live"))
            // The statement stays usable after the failure.
            try insert.execute(2, "ok")
        }
    }

    @Test func syntaxErrorsCarryTheSQL() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            let error = try #require(throws: SQLiteError.self) { _ = try db.cachedStatement("SELEC 1") }
            #expect(error.description == "SQLite error 1: near \"SELEC\": syntax error - while executing `SELEC 1`")
        }
    }
}

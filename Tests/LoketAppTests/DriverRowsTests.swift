// DriverRows: the deliveries' rows read straight from the drivers. On PostgreSQL a query's
// columns are found by the order the first rows read them in (PostgresColumns); a row read in
// another order, or with fewer columns, must still get every value right.

import Fluent
@testable import LoketApp
import SQLKit
import Testing

@Suite("DriverRows")
struct DriverRowsTests {
    @Test("Columns read in a changing order and number give the right values", arguments: TestDatabase.available)
    func changingOrder(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let sql = app.db as! any SQLDatabase
            let query: SQLQueryString = """
                SELECT n, 'a' || n AS a, 'b' || n AS b, CASE WHEN n % 3 = 0 THEN NULL ELSE 'c' || n END AS c
                FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                      UNION ALL SELECT 6 UNION ALL SELECT 7) numbers ORDER BY n
                """
            let rows = try await sql.driverRows(query, bulk: true) { row -> String in
                let n = try row.int("n") ?? 0
                switch n % 4 {
                case 0: return "\(n) \(try row.required("b")) \(try row.required("a"))"   // another order
                case 1: return "\(n) \(try row.required("a"))"                             // fewer columns
                case 2: return "\(n) \(try row.required("a")) \(try row.required("b")) \(try row.string("c") ?? "-")"
                default: return "\(n) \(try row.string("c") ?? "-") \(try row.required("a"))"
                }
            }
            #expect(rows == ["1 a1", "2 a2 b2 c2", "3 - a3", "4 b4 a4", "5 a5", "6 a6 b6 -", "7 c7 a7"])
            await #expect(throws: DriverRowError.self, "a column the query does not have") {
                _ = try await sql.driverRows(query, bulk: true) { try $0.string("missing") }
            }
        }
    }
}

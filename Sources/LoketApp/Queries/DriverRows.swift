// Rows of the deliveries' queries, read straight from the database driver.
//
// Why not SQLKit's rows: `SQLRow.decode(column:as:)` is generic across modules, so for
// every column of every row the Swift runtime looks up type metadata and protocol
// conformances before it reaches the driver's value; at a hundred thousand episodes that
// was a third of a CBS control. Here a row hands out text and integers by column name
// through the driver's own accessors, with no generic step. Both drivers are covered;
// any other SQL database still works through SQLKit.

import Fluent
import Foundation
import PostgresNIO
import SQLiteNIO
import SQLKit

/// One row of a result, read by column name.
struct DriverRow {
    fileprivate enum Storage {
        case sqlite(SQLiteRow)
        case postgres(PostgresRandomAccessRow, PostgresColumns)
        case sql(any SQLRow)
    }

    fileprivate let storage: Storage

    /// One column's value, as its driver holds it.
    private enum Cell {
        case sqlite(SQLiteData)
        case postgres(PostgresCell)
        case sql(any SQLRow, String)
    }

    private func cell(_ column: String) throws -> Cell {
        switch storage {
        case .sqlite(let row):
            guard let value = row.column(column) else { throw DriverRowError.noColumn(column) }
            return .sqlite(value)
        case .postgres(let row, let columns):
            guard let index = columns.index(of: column, in: row) else { throw DriverRowError.noColumn(column) }
            return .postgres(row[index])
        case .sql(let row):
            return .sql(row, column)
        }
    }

    /// The text of `column`, nil when it is NULL.
    func string(_ column: String) throws -> String? {
        switch try cell(column) {
        case .sqlite(let value): value.string
        case .postgres(let cell):
            // Text columns are UTF-8 in both of PostgreSQL's formats: read them as they are,
            // without the generic decode (the other half of DriverRow's time on PostgreSQL).
            if cell.dataType == .text || cell.dataType == .varchar { cell.bytes.map { String(buffer: $0) } }
            else { try cell.decode(String?.self) }
        case .sql(let row, let column): try row.optionalString(column)
        }
    }

    /// The text of a column that is never NULL.
    func required(_ column: String) throws -> String {
        guard let value = try string(column) else { throw DriverRowError.null(column) }
        return value
    }

    /// A boolean column: SQLite stores it as 0 or 1, PostgreSQL as a boolean.
    func bool(_ column: String) throws -> Bool {
        switch try cell(column) {
        case .sqlite(let value):
            guard let flag = value.bool else { throw DriverRowError.null(column) }
            return flag
        case .postgres(let cell): return try cell.decode(Bool.self)
        case .sql(let row, let column): return try row.decode(column: column, as: Bool.self)
        }
    }

    /// A point in time, nil when NULL: SQLite holds Fluent's dates as seconds since 1970.
    func date(_ column: String) throws -> Date? {
        switch try cell(column) {
        case .sqlite(let value): value.double.map(Date.init(timeIntervalSince1970:))
        case .postgres(let cell): try cell.decode(Date?.self)
        case .sql(let row, let column): try row.decodeNil(column: column) ? nil : row.decode(column: column, as: Date.self)
        }
    }

    /// The integer of `column`, nil when it is NULL.
    func double(_ column: String) throws -> Double? {
        switch try cell(column) {
        case .sqlite(let value): value.double
        case .postgres(let cell): try cell.decode(Double?.self)
        case .sql(let row, let column): try row.decodeNil(column: column) ? nil : row.decode(column: column, as: Double.self)
        }
    }

    /// A boolean that may be NULL (SQLite keeps it as 0 or 1).
    func optionalBool(_ column: String) throws -> Bool? {
        switch try cell(column) {
        case .sqlite(let value): value.integer.map { $0 != 0 }
        case .postgres(let cell): try cell.decode(Bool?.self)
        case .sql(let row, let column): try row.decodeNil(column: column) ? nil : row.decode(column: column, as: Bool.self)
        }
    }

    func int(_ column: String) throws -> Int? {
        switch try cell(column) {
        case .sqlite(let value): value.integer
        case .postgres(let cell): try cell.decode(Int?.self)
        case .sql(let row, let column): try row.optionalInt(column)
        }
    }
}

/// The position of each column of one PostgreSQL result, by name, made from its first row.
/// Why: `PostgresRandomAccessRow` finds a name by hashing it twice (`contains`, then the
/// subscript), for every cell of every row; at half a million treatment rows that was a
/// sixth of an LDO check. One query's rows share this map, and a row is then read by index.
/// A query's rows are read with the same columns in the same order, so the map also
/// remembers that order (`sequence`) and tries the next name in it first: comparing two
/// copies of one string literal is a comparison of their bits, where the dictionary hashed
/// the name (still a tenth of a CBS definitive on PostgreSQL). A row read in another order
/// falls back to the dictionary, so the order is a shortcut, never a condition.
/// The driver calls back for a query's rows one at a time, so the map needs no lock.
final class PostgresColumns: @unchecked Sendable {
    private var positions: [String: Int]?
    private var sequence: [(name: String, index: Int)] = []
    private var next = 0

    /// A new row: its first lookup is compared with the first name of the sequence.
    func startRow() { next = 0 }

    func index(of column: String, in row: PostgresRandomAccessRow) -> Int? {
        if next < sequence.count, sequence[next].name == column {
            next += 1
            return sequence[next - 1].index
        }
        if positions == nil {
            positions = Dictionary(row.map { ($0.columnName, $0.columnIndex) }, uniquingKeysWith: { first, _ in first })
        }
        guard let index = positions![column] else { return nil }
        // Learnt from the rows until the sequence holds every column read so far.
        if next == sequence.count { sequence.append((column, index)); next += 1 }
        return index
    }
}

enum DriverRowError: Error, CustomStringConvertible {
    case noColumn(String), null(String), bind(String), database(String)

    var description: String {
        switch self {
        case .noColumn(let c): "the query has no column \(c)"
        case .null(let c): "column \(c) is NULL"
        case .bind(let type): "a value of type \(type) cannot be bound here"
        case .database(let type): "\(type) is neither SQLite nor PostgreSQL"
        }
    }
}

extension SQLDatabase {
    /// Runs `query` and turns each row into a value with `make`, on the driver's thread.
    /// The binds may be text and integers (all that the deliveries' queries use).
    /// `bulk`: a query of thousands of rows (deliveries, export, the import's lookups). On
    /// SQLite they are then read on SQLiteNIO's thread and handed over in batches; a page's
    /// few rows go the driver's usual way, which costs fewer thread hops per query.
    func driverRows<T: Sendable>(_ query: SQLQueryString, bulk: Bool = false,
                                 _ make: @escaping @Sendable (DriverRow) throws -> T) async throws -> [T] {
        var serializer = SQLSerializer(database: self)
        query.serialize(to: &serializer)
        let collected = Collected<T>()
        if let sqlite = self as? any SQLiteDatabase {
            let binds = try serializer.binds.map { bind -> SQLiteData in
                switch bind {
                case let text as String: .text(text)
                case let number as Int: .integer(number)
                case let optional as String?: optional.map(SQLiteData.text) ?? .null
                default: throw DriverRowError.bind("\(type(of: bind))")
                }
            }
            guard bulk else {
                try await sqlite.query(serializer.sql, binds) { row in collected.add { try make(DriverRow(storage: .sqlite(row))) } }
                return try collected.result()
            }
            // On the connection itself: its async `query` hands each row to us on SQLiteNIO's
            // thread, where the database protocol's submits every row to the event loop one by
            // one (a task and a wake-up per row: a fifth of an LDO check). The rows still go to
            // the event loop to be made into values, so that runs beside SQLite's stepping,
            // but a batch at a time.
            let sql = serializer.sql
            try await sqlite.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    let batches = SQLiteRowBatches(loop: connection.eventLoop) { row in
                        collected.add { try make(DriverRow(storage: .sqlite(row))) }
                    }
                    try await connection.query(sql, binds) { row in batches.add(row) }
                    try await batches.finish()
                }
            }.get()
        } else if let postgres = self as? any PostgresDatabase {
            let binds = try serializer.binds.map { bind -> PostgresData in
                switch bind {
                case let text as String: PostgresData(string: text)
                case let number as Int: PostgresData(int: number)
                case let optional as String?: optional.map { PostgresData(string: $0) } ?? .null
                default: throw DriverRowError.bind("\(type(of: bind))")
                }
            }
            let columns = PostgresColumns()
            try await postgres.query(serializer.sql, binds) { row in
                columns.startRow()
                collected.add { try make(DriverRow(storage: .postgres(PostgresRandomAccessRow(row), columns))) }
            }.get()
        } else {
            for row in try await raw(query).all() { collected.add { try make(DriverRow(storage: .sql(row))) } }
        }
        return try collected.result()
    }
}

/// SQLite rows handed from SQLiteNIO's thread to the event loop in batches, in order.
/// `add` is called on SQLiteNIO's thread only, one row after the other, and `finish` after the
/// query has returned, so the pending rows need no lock.
private final class SQLiteRowBatches: @unchecked Sendable {
    static let size = 256
    private let loop: any EventLoop
    private let each: @Sendable (SQLiteRow) -> Void
    private var pending: [SQLiteRow] = []
    private var submitted: [EventLoopFuture<Void>] = []

    init(loop: any EventLoop, each: @escaping @Sendable (SQLiteRow) -> Void) {
        self.loop = loop
        self.each = each
        pending.reserveCapacity(Self.size)
    }

    func add(_ row: SQLiteRow) {
        pending.append(row)
        if pending.count == Self.size { submit() }
    }

    func finish() async throws {
        if !pending.isEmpty { submit() }
        try await EventLoopFuture.andAllSucceed(submitted, on: loop).get()
    }

    private func submit() {
        let batch = pending, each = self.each
        pending = []
        pending.reserveCapacity(Self.size)
        submitted.append(loop.submit { for row in batch { each(row) } })
    }
}

/// The values made so far, and the first error: the drivers call back row by row, on
/// their own thread, and a callback cannot throw.
private final class Collected<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [T] = []
    private var error: (any Error)?

    func add(_ make: () throws -> T) {
        lock.lock(); defer { lock.unlock() }
        guard error == nil else { return }
        do { values.append(try make()) } catch { self.error = error }
    }

    func result() throws -> [T] {
        lock.lock(); defer { lock.unlock() }
        if let error { throw error }
        return values
    }
}

/// A value bound to a statement that goes straight to the driver (the import's bulk
/// upserts: SQLKit's generic encoding of each bound value was a fifth of an import).
enum DriverValue: Sendable {
    case text(String), int(Int), bool(Bool), date(Date), double(Double), null

    init(_ text: String?) { self = text.map(DriverValue.text) ?? .null }
    init(_ number: Int?) { self = number.map(DriverValue.int) ?? .null }
    init(_ number: Double?) { self = number.map(DriverValue.double) ?? .null }
    init(_ flag: Bool?) { self = flag.map(DriverValue.bool) ?? .null }

    /// As Fluent stores them on SQLite: booleans as 0 or 1, dates as seconds since 1970.
    fileprivate var sqlite: SQLiteData {
        switch self {
        case .text(let text): .text(text)
        case .int(let number): .integer(number)
        case .bool(let flag): .integer(flag ? 1 : 0)
        case .date(let date): .float(date.timeIntervalSince1970)
        case .double(let number): .float(number)
        case .null: .null
        }
    }

    fileprivate var postgres: PostgresData {
        switch self {
        case .text(let text): PostgresData(string: text)
        case .int(let number): PostgresData(int: number)
        case .bool(let flag): PostgresData(bool: flag)
        case .date(let date): PostgresData(date: date)
        case .double(let number): PostgresData(double: number)
        case .null: .null
        }
    }
}

extension SQLDatabase {
    /// Runs one statement with `values` bound. `text` writes the statement, given the
    /// placeholder of the n-th value (from 1) in this database's syntax.
    func driverExecute(_ values: [DriverValue], _ text: (_ placeholder: (Int) -> String) -> String) async throws {
        if let sqlite = self as? any SQLiteDatabase {
            try await sqlite.query(text { _ in "?" }, values.map(\.sqlite)) { _ in }
        } else if let postgres = self as? any PostgresDatabase {
            _ = try await postgres.query(text { "$\($0)" }, values.map(\.postgres)).get()
        } else {
            throw DriverRowError.database("\(type(of: self))")
        }
    }
}

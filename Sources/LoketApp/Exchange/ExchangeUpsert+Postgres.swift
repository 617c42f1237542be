// The import's bulk upsert on PostgreSQL: the rows go by COPY into a temporary table, and
// one `INSERT … SELECT … ON CONFLICT (id) DO UPDATE` moves them into the real one.
//
// Why not the multi-row INSERT that SQLite gets: PostgreSQL parses and plans a statement of
// 20,000 parameters as 20,000 expressions, so a million treatments spent more time in the
// parser than in the table. COPY streams the values as text, the staging table has no
// indexes and no WAL (it is temporary), and the single INSERT keeps the upsert's meaning:
// new ids are inserted, existing ones updated, `insertOnly` columns kept. The staging table
// is dropped at the end of the import's transaction (ON COMMIT DROP).

import Foundation
import LoketCore
import PostgresNIO
import Vapor

extension ExchangeUpsert {
    /// Bytes sent per COPY message.
    private static let copyChunk = 1 << 20

    static func copyUpsert<Record: Sendable>(_ db: any PostgresDatabase, table: String, columns: [String], updates: String,
                                             records: [Record], row: @escaping @Sendable (Record) -> [DriverValue]) async throws {
        let staging = "import_staging_\(table)"
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let logger = Logger(label: "loket.import")
        // INCLUDING DEFAULTS: a column the document does not carry (a practice's
        // require_two_factor) takes its default in the staging table too, not a NULL.
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.query(PostgresQuery(unsafeSQL: """
                    CREATE TEMP TABLE IF NOT EXISTS \(staging) (LIKE "\(table)" INCLUDING DEFAULTS) ON COMMIT DROP
                    """), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "TRUNCATE \(staging)"), logger: logger)
                try await connection.copyFrom(table: staging, columns: columns, logger: logger) { writer in
                    var line = COPYTextLine()
                    for record in records {
                        line.append(row(record))
                        if line.buffer.readableBytes >= copyChunk {
                            try await writer.write(line.buffer)
                            line.buffer.clear()
                        }
                    }
                    if line.buffer.readableBytes > 0 { try await writer.write(line.buffer) }
                }
                try await connection.query(PostgresQuery(unsafeSQL: """
                    INSERT INTO "\(table)" (\(list)) SELECT \(list) FROM \(staging)
                    ON CONFLICT ("id") DO UPDATE SET \(updates)
                    """), logger: logger)
            }
        }.get()
    }
}

/// Rows in COPY's text format: values separated by tabs, a row per line, `\N` for NULL, and
/// backslash, tab, newline and carriage return escaped with a backslash.
private struct COPYTextLine {
    var buffer = ByteBufferAllocator().buffer(capacity: (1 << 20) + 4096)
    /// Every row of an import has the same `now`: it is formatted once.
    private var lastDate: (Date, String)?

    mutating func append(_ row: [DriverValue]) {
        for (i, value) in row.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .null: buffer.writeStaticString("\\N")
            case .text(let text): writeEscaped(text)
            case .int(let number): buffer.writeString(String(number))
            case .bool(let flag): buffer.writeStaticString(flag ? "t" : "f")
            case .date(let date): buffer.writeString(timestamp(date))
            case .double(let number): buffer.writeString(DecimalText.of(number))
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private mutating func writeEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    /// `2026-11-23 07:30:00.123456+00`: a timestamptz to the microsecond, as PostgreSQL keeps it.
    private mutating func timestamp(_ date: Date) -> String {
        if let (last, text) = lastDate, last == date { return text }
        let micros = Int((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let (whole, micro) = fraction < 0 ? (seconds - 1, fraction + 1_000_000) : (seconds, fraction)
        let (day, s) = LocalDate.utc(secondsSince1970: whole)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let digits = String(micro)
        let text = "\(day.iso) \(two(s / 3600)):\(two(s % 3600 / 60)):\(two(s % 60))."
            + String(repeating: "0", count: 6 - digits.count) + digits + "+00"
        lastDate = (date, text)
        return text
    }
}

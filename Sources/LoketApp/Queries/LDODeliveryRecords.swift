// The records of an LDO delivery as they were sent, in episode order: the order the
// delivery wrote them in (LDOEpisodeQuery reads episodes by id), so head + records + tail
// gives the file's bytes again (the outbox checks them against the stored SHA-256).

import Fluent
import SQLKit

enum LDODeliveryRecords {
    static let pageSize = 2000

    static func forEach(delivery: String, on db: any Database, _ each: (String) async throws -> Void) async throws {
        let sql = db as! any SQLDatabase
        var after = ""
        while true {
            let rows = try await sql.driverRows("""
                SELECT episode_id, record FROM ldo_delivery_episodes
                WHERE delivery_id = \(bind: delivery) AND episode_id > \(bind: after)
                ORDER BY episode_id LIMIT \(literal: pageSize)
                """, bulk: true) { (id: try $0.required("episode_id"), record: try $0.required("record")) }
            for row in rows { try await each(row.record) }
            guard rows.count == pageSize, let last = rows.last else { return }
            after = last.id
        }
    }
}

extension LDODeliveryRecords {
    /// Stores records of a delivery as they were sent, in one statement.
    static func insert(_ rows: [(episode: String, record: String)], delivery: String, on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        var insert = (db as! any SQLDatabase).insert(into: "ldo_delivery_episodes").columns("delivery_id", "episode_id", "record")
        for r in rows { insert = insert.values(SQLBind(delivery), SQLBind(r.episode), SQLBind(r.record)) }
        try await insert.run()
    }
}

extension LDODeliveryRecords {
    /// A row of "Aangeleverde gegevens": the record sent, the report's verdict, whose it is.
    struct PageRow: Decodable, Sendable {
        var episode_id: String, record: String, result: String?, messages: String?
        var start_date: String?, number: String?, name: String?
    }

    /// Page `number` (from 1) of a delivery's records, `size` of them and one more when a
    /// next page exists.
    static func page(delivery: String, number: Int, size: Int, on db: any Database) async throws -> [PageRow] {
        try await (db as! any SQLDatabase).raw("""
            SELECT de.episode_id, de.record, de.result, de.messages, e.start_date, pt.number, pt.name
            FROM ldo_delivery_episodes de
            LEFT JOIN episodes e ON e.id = de.episode_id LEFT JOIN patients pt ON pt.id = e.patient_id
            WHERE de.delivery_id = \(bind: delivery)
            ORDER BY de.episode_id LIMIT \(literal: size + 1) OFFSET \(literal: (number - 1) * size)
            """).all(decoding: PageRow.self)
    }
}

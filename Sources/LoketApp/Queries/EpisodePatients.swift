// What lists show of episodes (patient number and name, start date, main practitioner,
// consent), by primary key a chunk at a time: the LDO wizard's causes (LDOCauses) and a
// stored CBS control's comparison.

import Fluent
import SQLKit

enum EpisodePatients {
    /// What the lists show of an episode.
    struct Info: Sendable, Equatable {
        var id: String
        var patientID: String
        var patientNumber: String
        var patientName: String
        /// `YYYY-MM-DD` as stored.
        var start: String
        var practitionerID: String?
        var practitionerName: String?
        /// The stored consent (`given`, `refused`, `not_asked`) or nil.
        var consent: String?
    }

    /// The columns `row` reads, for queries that choose their own episodes.
    static let select = """
        SELECT e.id, e.patient_id, e.start_date, e.main_practitioner_id, e.ldo_consent, p.number, p.name, m.name AS m_name
        FROM episodes e JOIN patients p ON p.id = e.patient_id LEFT JOIN employees m ON m.id = e.main_practitioner_id
        """

    static func row(_ r: DriverRow) throws -> Info {
        Info(id: try r.required("id"), patientID: try r.required("patient_id"),
             patientNumber: try r.string("number") ?? "", patientName: try r.string("name") ?? "",
             start: try r.string("start_date") ?? "", practitionerID: try r.string("main_practitioner_id"),
             practitionerName: try r.string("m_name"), consent: try r.string("ldo_consent"))
    }

    /// The episodes `ids` of `practice`, by primary key, 500 ids a query.
    static func info(ofEpisodes ids: [String], practice: String, on db: any Database) async throws -> [String: Info] {
        let sql = db as! any SQLDatabase
        var out: [String: Info] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            for i in try await sql.driverRows("""
                \(unsafeRaw: select) WHERE e.practice_id = \(bind: practice) AND e.id IN (\(binds: chunk))
                """, bulk: chunk.count > 1, row) { out[i.id] = i }
        }
        return out
    }
}

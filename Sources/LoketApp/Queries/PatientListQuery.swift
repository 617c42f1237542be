// The patient list (search by BSN, number or name; sorted; paged) and a dossier's
// episodes. Plain SQL with columns read straight from the driver: the list is the page a
// practice opens most, and 25 Fluent models cost more than the query itself.

import Fluent
import LoketCore
import SQLKit

enum PatientListQuery {
    struct Line: Sendable { var id: String, number: String, name: String?, birthDate: String? }
    struct EpisodeLine: Sendable { var id: String, startDate: String, endDate: String? }

    /// The number of matching patients and one page of them.
    static func page(on db: any Database, practice: String, search q: String?, byName: Bool, page: Int,
                     size: Int) async throws -> (total: Int, rows: [Line]) {
        let sql = db as! any SQLDatabase
        var filter: SQLQueryString = "practice_id = \(bind: practice)"
        if let q {
            if let bsn = BSN(q) {
                filter = filter + " AND bsn = \(bind: bsn.value)"
            } else {
                // LOWER on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
                filter = filter + " AND (number = \(bind: q) OR LOWER(name) LIKE \(bind: "%" + q.lowercased() + "%"))"
            }
        }
        let total = try await sql.driverRows("SELECT COUNT(*) AS n FROM patients WHERE " + filter) { try $0.int("n") ?? 0 }.first ?? 0
        let order: SQLQueryString = byName ? " ORDER BY name, id" : " ORDER BY number, id"
        let rows = try await sql.driverRows("SELECT id, number, name, birth_date FROM patients WHERE " + filter + order
                                            + " LIMIT \(literal: size) OFFSET \(literal: (page - 1) * size)") { r in
            Line(id: try r.required("id"), number: try r.required("number"), name: try r.string("name"), birthDate: try r.string("birth_date"))
        }
        return (total, rows)
    }

    /// The other patients of the practice with the same BSN (the CBS placeholders 999999999
    /// and 000000000 stand for different children and are not counted), by number.
    static func sameBSN(as patient: Patient, on db: any Database) async throws -> [Patient] {
        guard let bsn = patient.bsn, !bsn.isEmpty, !CBS.isPlaceholderBSN(bsn) else { return [] }
        return try await Patient.query(on: db).filter(\.$practiceID == patient.practiceID).filter(\.$bsn == bsn)
            .filter(\.$id != patient.id!).sort(\.$number).limit(20).all()
    }

    /// A patient's episodes, newest first.
    static func episodes(of patient: String, on db: any Database) async throws -> [EpisodeLine] {
        try await (db as! any SQLDatabase).driverRows("""
            SELECT id, start_date, end_date FROM episodes WHERE patient_id = \(bind: patient) ORDER BY start_date DESC, id
            """) { r in EpisodeLine(id: try r.required("id"), startDate: try r.required("start_date"), endDate: try r.string("end_date")) }
    }
}

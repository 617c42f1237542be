// The CBS selection's rows from the database (spec/cbs-jeugdhulp.md §3), in the order the
// control overview shows them: by patient number (shorter numbers first, so 999 comes
// before 1001), then episode id. A page of patient ids at a time, in that order from the
// index patients_number_order; then one query for those patients' episodes that overlap the
// period, with their patient's data. Two queries a page, no query per episode, and memory
// bounded by the page: the overview streams to its file or response whatever the size.
// Rows are read column by column (`SQLRow.decode(column:as:)`), not through Decodable:
// at a hundred thousand rows the generic decoder was a third of a control's time.

import Fluent
import LoketCore
import SQLKit

enum CBSEpisodeQuery {
    static let pageSize = 2000

    /// A patient of the page: its key in the overview's order.
    struct PatientKey: Sendable {
        var id: String
        var number: String
    }

    static func episode(_ r: any SQLRow) throws -> CBS.Episode? {
        guard let start = LocalDate(iso: try r.decode(column: "start_date", as: String.self)) else { return nil }
        func text(_ c: String) throws -> String? { try r.optionalString(c) }
        return CBS.Episode(
            id: try r.decode(column: "id", as: String.self), patientNumber: try r.decode(column: "number", as: String.self),
            patientName: try text("name") ?? "", bsn: try text("bsn"),
            birthDate: try text("birth_date").flatMap { LocalDate(iso: $0) }, sex: try text("sex"), postcode: try text("postcode"),
            municipalityCode: try text("municipality_code"), start: start, end: try text("end_date").flatMap { LocalDate(iso: $0) },
            careType: try text("cbs_care_type"), startedInCrisis: try r.decode(column: "cbs_started_in_crisis", as: Bool.self),
            referrer: try text("cbs_referrer"), perspective: try text("cbs_perspective"), endReason: try text("cbs_end_reason"),
            youthSatisfaction: try r.optionalInt("cbs_youth_satisfaction"),
            youthWithoutFurtherHelp: try text("cbs_youth_without_further_help"),
            parentSatisfaction: try r.optionalInt("cbs_parent_satisfaction"),
            parentWithoutFurtherHelp: try text("cbs_parent_without_further_help"))
    }

    /// Calls `each` for every episode of `practice` selected for `period` (overlap and age),
    /// in patient-number order.
    static func forEach(on db: any Database, practice: String, period: DateRange,
                        _ each: (CBS.Episode) async throws -> Void) async throws {
        let sql = db as! any SQLDatabase
        var after: PatientKey?
        while true {
            let patients = try await sql.raw(patientPage(practice: practice, after: after)).all().map {
                PatientKey(id: try $0.decode(column: "id", as: String.self), number: try $0.decode(column: "number", as: String.self))
            }
            guard !patients.isEmpty else { return }
            var byPatient: [String: [CBS.Episode]] = [:]
            for row in try await sql.raw(episodes(period: period, patients: patients.map(\.id))).all()
            where try row.decode(column: "practice_id", as: String.self) == practice {
                if let episode = try Self.episode(row) {
                    byPatient[try row.decode(column: "patient_id", as: String.self), default: []].append(episode)
                }
            }
            for patient in patients {
                for episode in byPatient[patient.id] ?? [] where CBS.isSelected(episode, in: period) {
                    // The age rule needs the birth date and the start: it is judged here, in
                    // LoketCore, not in SQL, so that web, API and CLI share one definition.
                    try await each(episode)
                }
            }
            guard patients.count == pageSize else { return }
            after = patients.last
        }
    }

    /// A page of the practice's patients in overview order, after `after` (index
    /// patients_number_order).
    static func patientPage(practice: String, after: PatientKey?) -> SQLQueryString {
        let select: SQLQueryString = """
            SELECT p.id, p.number FROM patients p WHERE p.practice_id = \(bind: practice)
            """
        let order: SQLQueryString = " ORDER BY length(p.number), p.number, p.id LIMIT \(literal: pageSize)"
        guard let after else { return select + order }
        return select + " AND (length(p.number), p.number, p.id) > (\(bind: after.number.count), \(bind: after.number), \(bind: after.id))" + order
    }

    /// The episodes of `patients` that overlap the period, in id order (index episodes_patient).
    /// The practice is checked on each row, not in SQL: a condition on it would lead the
    /// planner to the practice's index, a read of the whole practice for each page.
    static func episodes(period: DateRange, patients: [String]) -> SQLQueryString {
        """
        SELECT e.id, e.patient_id, e.practice_id, e.start_date, e.end_date, e.cbs_care_type, e.cbs_started_in_crisis, e.cbs_referrer,
               e.cbs_perspective, e.cbs_end_reason, e.cbs_youth_satisfaction, e.cbs_youth_without_further_help,
               e.cbs_parent_satisfaction, e.cbs_parent_without_further_help,
               p.number, p.name, p.bsn, p.birth_date, p.sex, p.postcode, p.municipality_code
        FROM episodes e JOIN patients p ON p.id = e.patient_id
        WHERE e.patient_id IN (\(binds: patients))
          AND e.start_date <= \(bind: period.end.iso) AND (e.end_date IS NULL OR e.end_date >= \(bind: period.start.iso))
        ORDER BY e.id
        """
    }
}

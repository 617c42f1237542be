// The CBS selection's rows from the database (spec/cbs-jeugdhulp.md §3), in the order the
// control overview shows them: by patient number (shorter numbers first, so 999 comes
// before 1001), then episode id. A page of patients at a time, in that order from the
// index patients_number_order; then one query for those patients' episodes that overlap the
// period. Two queries a page, no query per episode, and memory bounded by the page: the
// overview streams to its file or response whatever the practice's size.

import Fluent
import LoketCore
import SQLKit

enum CBSEpisodeQuery {
    static let pageSize = 2000

    struct PatientRow: Decodable {
        var id: String, number: String, name: String? = nil, bsn: String? = nil, birth_date: String? = nil, sex: String? = nil
        var postcode: String? = nil, municipality_code: String? = nil
    }

    struct EpisodeRow: Decodable {
        var id: String, patient_id: String, practice_id: String, start_date: String, end_date: String?
        var cbs_care_type: String?, cbs_started_in_crisis: Bool, cbs_referrer: String?, cbs_perspective: String?
        var cbs_end_reason: String?, cbs_youth_satisfaction: Int?, cbs_youth_without_further_help: String?
        var cbs_parent_satisfaction: Int?, cbs_parent_without_further_help: String?

        func episode(of p: PatientRow) -> CBS.Episode? {
            guard let start = LocalDate(iso: start_date) else { return nil }
            return CBS.Episode(
                id: id, patientNumber: p.number, patientName: p.name ?? "", bsn: p.bsn,
                birthDate: p.birth_date.flatMap { LocalDate(iso: $0) }, sex: p.sex, postcode: p.postcode,
                municipalityCode: p.municipality_code, start: start, end: end_date.flatMap { LocalDate(iso: $0) },
                careType: cbs_care_type, startedInCrisis: cbs_started_in_crisis, referrer: cbs_referrer,
                perspective: cbs_perspective, endReason: cbs_end_reason, youthSatisfaction: cbs_youth_satisfaction,
                youthWithoutFurtherHelp: cbs_youth_without_further_help, parentSatisfaction: cbs_parent_satisfaction,
                parentWithoutFurtherHelp: cbs_parent_without_further_help)
        }
    }

    /// Calls `each` for every episode of `practice` selected for `period` (overlap and age),
    /// in patient-number order.
    static func forEach(on db: any Database, practice: String, period: DateRange,
                        _ each: (CBS.Episode) async throws -> Void) async throws {
        let sql = db as! any SQLDatabase
        var after: PatientRow?
        while true {
            let patients = try await sql.raw(patientPage(practice: practice, after: after)).all(decoding: PatientRow.self)
            guard !patients.isEmpty else { return }
            let episodes = try await sql.raw(episodes(period: period, patients: patients.map(\.id)))
                .all(decoding: EpisodeRow.self)
            let byPatient = Dictionary(grouping: episodes, by: \.patient_id)
            for patient in patients {
                for row in byPatient[patient.id] ?? [] where row.practice_id == practice {
                    // The age rule needs the birth date and the start: it is judged here, in
                    // LoketCore, not in SQL, so that web, API and CLI share one definition.
                    if let episode = row.episode(of: patient), CBS.isSelected(episode, in: period) { try await each(episode) }
                }
            }
            guard patients.count == pageSize else { return }
            after = patients.last
        }
    }

    /// A page of the practice's patients in overview order, after `after` (index
    /// patients_number_order).
    static func patientPage(practice: String, after: PatientRow?) -> SQLQueryString {
        let select: SQLQueryString = """
            SELECT p.id, p.number, p.name, p.bsn, p.birth_date, p.sex, p.postcode, p.municipality_code
            FROM patients p WHERE p.practice_id = \(bind: practice)
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
               e.cbs_parent_satisfaction, e.cbs_parent_without_further_help
        FROM episodes e
        WHERE e.patient_id IN (\(binds: patients))
          AND e.start_date <= \(bind: period.end.iso) AND (e.end_date IS NULL OR e.end_date >= \(bind: period.start.iso))
        ORDER BY e.id
        """
    }
}

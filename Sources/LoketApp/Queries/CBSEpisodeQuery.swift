// The CBS selection's rows from the database (spec/cbs-jeugdhulp.md §3), in the order the
// control overview shows them: by patient number (shorter numbers first, so 999 comes
// before 1001), then episode id. A page of patient ids at a time, in that order from the
// index patients_number_order; then one query for those patients' episodes that overlap the
// period, with their patient's data. Two queries a page, no query per episode, and memory
// bounded by the page: the overview streams to its file or response whatever the size.
// Rows are read column by column from the driver (DriverRow), not through Decodable or
// SQLKit's generic decode: at a hundred thousand rows those were a third of a control's time.

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

    /// An episode row: whose patient, of which practice, and the episode as the rules see it.
    struct Row: Sendable {
        var patientID: String
        var practiceID: String
        var episode: CBS.Episode?
    }

    static func row(_ r: DriverRow) throws -> Row {
        Row(patientID: try r.required("patient_id"), practiceID: try r.required("practice_id"), episode: try episode(r))
    }

    static func episode(_ r: DriverRow) throws -> CBS.Episode? {
        guard let start = LocalDate(iso: try r.required("start_date")) else { return nil }
        return CBS.Episode(
            id: try r.required("id"), patientNumber: try r.required("number"),
            patientName: try r.string("name") ?? "", bsn: try r.string("bsn"),
            birthDate: try r.string("birth_date").flatMap { BirthDate(text: $0) }, sex: try r.string("sex"), postcode: try r.string("postcode"),
            municipalityCode: try r.string("municipality_code"), start: start, end: try r.string("end_date").flatMap { LocalDate(iso: $0) },
            careType: try r.string("cbs_care_type"), startedInCrisis: try r.bool("cbs_started_in_crisis"),
            referrer: try r.string("cbs_referrer"), perspective: try r.string("cbs_perspective"), endReason: try r.string("cbs_end_reason"),
            youthSatisfaction: try r.int("cbs_youth_satisfaction"),
            youthWithoutFurtherHelp: try r.string("cbs_youth_without_further_help"),
            parentSatisfaction: try r.int("cbs_parent_satisfaction"),
            parentWithoutFurtherHelp: try r.string("cbs_parent_without_further_help"),
            financing: try r.string("cbs_financing"))
    }

    /// Calls `each` for every episode of `practice` selected for `period` (overlap and age),
    /// in patient-number order.
    static func forEach(on db: any Database, practice: String, period: DateRange,
                        _ each: (CBS.Episode) async throws -> Void) async throws {
        let sql = db as! any SQLDatabase
        var after: PatientKey?
        while true {
            let patients = try await sql.driverRows(patientPage(practice: practice, after: after), bulk: true) {
                PatientKey(id: try $0.required("id"), number: try $0.required("number"))
            }
            guard !patients.isEmpty else { return }
            var byPatient: [String: [CBS.Episode]] = [:]
            for row in try await sql.driverRows(episodes(period: period, patients: patients.map(\.id)), bulk: true, Self.row)
            where row.practiceID == practice {
                if let episode = row.episode { byPatient[row.patientID, default: []].append(episode) }
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
               e.cbs_parent_satisfaction, e.cbs_parent_without_further_help, e.cbs_financing,
               p.number, p.name, p.bsn, p.birth_date, p.sex, p.postcode, p.municipality_code
        FROM episodes e JOIN patients p ON p.id = e.patient_id
        WHERE e.patient_id IN (\(binds: patients))
          AND e.start_date <= \(bind: period.end.iso) AND (e.end_date IS NULL OR e.end_date >= \(bind: period.start.iso))
        ORDER BY e.id
        """
    }
}

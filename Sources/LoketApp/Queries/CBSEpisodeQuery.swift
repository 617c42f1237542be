// The CBS selection's rows from the database: one query per page of episodes of the
// practice that overlap the period (spec/cbs-jeugdhulp.md §3), joined with their patient,
// turned into `CBS.Episode` values for the rules. Pages keep memory flat for any size.

import Fluent
import LoketCore
import SQLKit

enum CBSEpisodeQuery {
    static let pageSize = 5000

    struct Row: Decodable {
        var id: String, start_date: String, end_date: String?
        var cbs_care_type: String?, cbs_started_in_crisis: Bool, cbs_referrer: String?, cbs_perspective: String?
        var cbs_end_reason: String?, cbs_youth_satisfaction: Int?, cbs_youth_without_further_help: String?
        var cbs_parent_satisfaction: Int?, cbs_parent_without_further_help: String?
        var number: String, name: String?, bsn: String?, birth_date: String?, sex: String?, postcode: String?
        var municipality_code: String?

        var episode: CBS.Episode? {
            guard let start = LocalDate(iso: start_date) else { return nil }
            return CBS.Episode(
                id: id, patientNumber: number, patientName: name ?? "", bsn: bsn,
                birthDate: birth_date.flatMap { LocalDate(iso: $0) }, sex: sex, postcode: postcode,
                municipalityCode: municipality_code, start: start, end: end_date.flatMap { LocalDate(iso: $0) },
                careType: cbs_care_type, startedInCrisis: cbs_started_in_crisis, referrer: cbs_referrer,
                perspective: cbs_perspective, endReason: cbs_end_reason, youthSatisfaction: cbs_youth_satisfaction,
                youthWithoutFurtherHelp: cbs_youth_without_further_help, parentSatisfaction: cbs_parent_satisfaction,
                parentWithoutFurtherHelp: cbs_parent_without_further_help)
        }
    }

    /// Calls `each` for every episode of `practice` selected for `period` (overlap and age).
    static func forEach(on db: any Database, practice: String, period: DateRange,
                        _ each: (CBS.Episode) throws -> Void) async throws {
        let sql = db as! any SQLDatabase
        var after = ""
        while true {
            let rows = try await sql.raw(page(practice: practice, period: period, after: after)).all(decoding: Row.self)
            for row in rows {
                // The age rule needs the birth date and the start: it is judged here, in
                // LoketCore, not in SQL, so that web, API and CLI share one definition.
                if let episode = row.episode, CBS.isSelected(episode, in: period) { try each(episode) }
            }
            guard rows.count == pageSize, let last = rows.last else { return }
            after = last.id
        }
    }

    /// One page of the selection, after the episode id `after`, in id order (index
    /// episodes_practice_id: a range read, no sort).
    static func page(practice: String, period: DateRange, after: String) -> SQLQueryString {
        """
        SELECT e.id, e.start_date, e.end_date, e.cbs_care_type, e.cbs_started_in_crisis, e.cbs_referrer,
               e.cbs_perspective, e.cbs_end_reason, e.cbs_youth_satisfaction, e.cbs_youth_without_further_help,
               e.cbs_parent_satisfaction, e.cbs_parent_without_further_help,
               p.number, p.name, p.bsn, p.birth_date, p.sex, p.postcode, p.municipality_code
        FROM episodes e JOIN patients p ON p.id = e.patient_id
        WHERE e.practice_id = \(bind: practice) AND e.start_date <= \(bind: period.end.iso)
          AND (e.end_date IS NULL OR e.end_date >= \(bind: period.start.iso)) AND e.id > \(bind: after)
        ORDER BY e.id LIMIT \(literal: pageSize)
        """
    }
}

// `loket export`: the database (or one practice) as an exchange document, written table by
// table in keyset pages of a few thousand rows, so memory does not grow with the practice.
// Records come in id order, so export → import → export gives the same bytes.

import Fluent
import Foundation
import LoketCore
import SQLKit

enum ExchangeExport {
    struct Counts: Equatable {
        var practices = 0, employees = 0, patients = 0, episodes = 0, treatments = 0
    }

    static let pageSize = 5000

    /// Writes the document to `sink` piece by piece. `practice` limits it to one practice.
    @discardableResult
    static func run(on db: any Database, practice: String?, sink: @escaping (String) throws -> Void) async throws -> Counts {
        let sql = db as! any SQLDatabase
        var writer = try ExchangeStreamWriter(sink: sink)
        var counts = Counts()

        try writer.begin(.practices)
        counts.practices = try await pages(sql, "SELECT * FROM practices", practiceColumn: "id", practice, as: PracticeRow.self) {
            try writer.write($0.dto.json)
        }
        try writer.begin(.employees)
        counts.employees = try await pages(sql, "SELECT * FROM employees", practiceColumn: "practice_id", practice, as: EmployeeRow.self) {
            try writer.write($0.dto.json)
        }
        try writer.begin(.patients)
        counts.patients = try await pages(sql, "SELECT * FROM patients", practiceColumn: "practice_id", practice, as: PatientRow.self) {
            try writer.write($0.dto.json)
        }
        try writer.begin(.episodes)
        counts.episodes = try await pages(sql, "SELECT * FROM episodes", practiceColumn: "practice_id", practice, as: EpisodeRow.self) {
            try writer.write($0.dto().json)
        }
        try writer.begin(.treatments)
        let treatments = "SELECT t.* FROM treatments t" + (practice == nil ? "" : " JOIN episodes e ON e.id = t.episode_id")
        counts.treatments = try await pages(sql, treatments, practiceColumn: "e.practice_id", idColumn: "t.id", practice, as: TreatmentRow.self) {
            try writer.write($0.dto().json)
        }
        try writer.finish()
        return counts
    }

    private static func pages<Row: Decodable & Identified>(
        _ sql: any SQLDatabase, _ select: String, practiceColumn: String, idColumn: String = "id",
        _ practice: String?, as: Row.Type, _ each: (Row) throws -> Void
    ) async throws -> Int {
        var after: String? = nil
        var count = 0
        while true {
            var query: SQLQueryString = "\(unsafeRaw: select) WHERE 1 = 1"
            if let practice { query = "\(query) AND \(unsafeRaw: practiceColumn) = \(bind: practice)" }
            if let after { query = "\(query) AND \(unsafeRaw: idColumn) > \(bind: after)" }
            query = "\(query) ORDER BY \(unsafeRaw: idColumn) LIMIT \(literal: pageSize)"
            let rows = try await sql.raw(query).all(decoding: Row.self)
            for row in rows { try each(row) }
            count += rows.count
            guard rows.count == pageSize, let last = rows.last else { return count }
            after = last.id
        }
    }
}

protocol Identified { var id: String { get } }

struct PracticeRow: Decodable, Identified {
    var id: String, name: String, kvk: String?, agb: String?, ldo_opt_in: Bool
    var cbs_correspondence_number: String?, cbs_email: String?, cbs_phone: String?, cbs_mirror_report_consent: String?

    var dto: ExchangeDocument.Practice {
        .init(id: id, name: name, kvk: kvk, agb: agb, ldoOptIn: ldo_opt_in, cbsCorrespondenceNumber: cbs_correspondence_number,
              cbsEmail: cbs_email, cbsPhone: cbs_phone, cbsMirrorReportConsent: cbs_mirror_report_consent)
    }
}

struct EmployeeRow: Decodable, Identified {
    var id: String, practice_id: String, name: String, big: String?, agb: String?
    var dto: ExchangeDocument.Employee { .init(id: id, practiceId: practice_id, name: name, big: big, agb: agb) }
}

struct PatientRow: Decodable, Identified {
    var id: String, practice_id: String, number: String, name: String?, bsn: String?, birth_date: String?, sex: String?
    var postcode: String?, municipality_code: String?, insurer_uzovi: String?, identity_verified: Bool

    var dto: ExchangeDocument.Patient {
        .init(id: id, practiceId: practice_id, number: number, name: name, bsn: bsn,
              birthDate: birth_date.flatMap { LocalDate(iso: $0) }, sex: sex, postcode: postcode,
              municipalityCode: municipality_code, insurerUzovi: insurer_uzovi, identityVerified: identity_verified)
    }
}

struct EpisodeRow: Decodable, Identified {
    var id: String, patient_id: String, practice_id: String, main_practitioner_id: String?
    var start_date: String, end_date: String?
    var ldo_consent: String?, ldo_access_route: String?, ldo_referrer_type: String?, ldo_dcsph: String?
    var ldo_end_reason: String?, ldo_goals_achieved: String?
    var cbs_care_type: String?, cbs_started_in_crisis: Bool, cbs_referrer: String?, cbs_perspective: String?
    var cbs_end_reason: String?, cbs_youth_satisfaction: Int?, cbs_youth_without_further_help: String?
    var cbs_parent_satisfaction: Int?, cbs_parent_without_further_help: String?

    func dto() throws -> ExchangeDocument.Episode {
        .init(id: id, patientId: patient_id, practiceId: practice_id, mainPractitionerId: main_practitioner_id,
              start: try storedDate(start_date, "episodes", id),
              end: end_date.flatMap { LocalDate(iso: $0) },
              ldo: .init(consent: ldo_consent, accessRoute: ldo_access_route, referrerType: ldo_referrer_type,
                         dcsph: ldo_dcsph, endReason: ldo_end_reason, goalsAchieved: ldo_goals_achieved),
              cbs: .init(careType: cbs_care_type, startedInCrisis: cbs_started_in_crisis, referrer: cbs_referrer,
                         perspective: cbs_perspective, endReason: cbs_end_reason,
                         youthSatisfaction: cbs_youth_satisfaction, youthWithoutFurtherHelp: cbs_youth_without_further_help,
                         parentSatisfaction: cbs_parent_satisfaction, parentWithoutFurtherHelp: cbs_parent_without_further_help))
    }
}

struct TreatmentRow: Decodable, Identified {
    var id: String, episode_id: String, practitioner_id: String?, date: String, status: String, code: String?

    func dto() throws -> ExchangeDocument.Treatment {
        try .init(id: id, episodeId: episode_id, practitionerId: practitioner_id,
                  date: storedDate(date, "treatments", id), status: status, code: code)
    }
}

/// Dates are checked on the way in; a row edited by hand in the database that holds no
/// date stops the export with a message naming it, instead of exporting something else.
private func storedDate(_ text: String, _ table: String, _ id: String) throws -> LocalDate {
    guard let date = LocalDate(iso: text) else {
        throw ExportError(description: "\(table) \"\(id)\": stored date \"\(text)\" is not a date (YYYY-MM-DD)")
    }
    return date
}

struct ExportError: Error, CustomStringConvertible {
    let description: String
}

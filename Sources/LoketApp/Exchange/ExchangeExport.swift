// `loket export`: the database (or one practice) as an exchange document, written table by
// table in keyset pages of a few thousand rows, so memory does not grow with the practice.
// Records come in id order (one practice's treatments: by episode, then id), so
// export → import → export gives the same bytes.

import Fluent
import Foundation
import LoketCore
import SQLKit

enum ExchangeExport {
    struct Counts: Equatable {
        var practices = 0, employees = 0, patients = 0, episodes = 0, treatments = 0, measurements = 0
    }

    static let pageSize = 5000

    /// Writes the document to `sink` piece by piece. `practice` limits it to one practice.
    @discardableResult
    /// Use case: the export through `sink`, audited once it is complete (a read of every
    /// patient's data it holds).
    static func run(practice: String?, in context: UseCaseContext, sink: @escaping (String) throws -> Void) async throws -> Counts {
        let counts = try await run(on: context.db, practice: practice, sink: sink)
        try await context.audit(.exportDocument, practice: practice,
                                detail: "\(counts.patients) patients, \(counts.episodes) episodes, \(counts.treatments) treatments, "
                                    + "\(counts.measurements) measurements")
        return counts
    }

    static func run(on db: any Database, practice: String?, sink: @escaping (String) throws -> Void) async throws -> Counts {
        let sql = db as! any SQLDatabase
        var writer = try ExchangeStreamWriter(sink: sink)
        var counts = Counts()

        try writer.begin(.practices)
        counts.practices = try await pages(sql, "SELECT * FROM practices", practiceColumn: "id", practice, PracticeRow.init) {
            try writer.write($0.dto.json)
        }
        try writer.begin(.employees)
        counts.employees = try await pages(sql, "SELECT * FROM employees", practiceColumn: "practice_id", practice, EmployeeRow.init) {
            try writer.write($0.dto.json)
        }
        try writer.begin(.patients)
        counts.patients = try await pages(sql, "SELECT * FROM patients", practiceColumn: "practice_id", practice, PatientRow.init) {
            try writer.write($0.dto.json)
        }
        try writer.begin(.episodes)
        counts.episodes = try await pages(sql, "SELECT * FROM episodes", practiceColumn: "practice_id", practice, EpisodeRow.init) {
            try writer.write($0.dto().json)
        }
        try writer.begin(.treatments)
        if let practice {
            counts.treatments = try await treatments(sql, of: practice) { try writer.write($0.dto().json) }
        } else {
            counts.treatments = try await pages(sql, "SELECT * FROM treatments", practiceColumn: "", nil, TreatmentRow.init) {
                try writer.write($0.dto().json)
            }
        }
        try writer.begin(.measurements)
        if let practice {
            counts.measurements = try await measurements(sql, of: practice) { try writer.write($0.dto().json) }
        } else {
            counts.measurements = try await pages(sql, "SELECT * FROM measurements", practiceColumn: "", nil, MeasurementRow.init) {
                try writer.write($0.dto().json)
            }
        }
        try writer.finish()
        return counts
    }

    /// One practice's treatments, by episode and then id. Treatments have no practice of
    /// their own: paging them in id order with a join to the episode read every treatment
    /// of every practice (minutes at ten million). A page of the practice's episodes
    /// (index episodes_practice_id), then their treatments (index
    /// treatments_episode_status_date), reads only this practice's rows.
    private static func treatments(_ sql: any SQLDatabase, of practice: String, _ each: (TreatmentRow) throws -> Void) async throws -> Int {
        try await byEpisode(sql, of: practice, "SELECT id, episode_id, practitioner_id, date, status, code FROM treatments",
                            TreatmentRow.init, each)
    }

    /// One practice's measurements, the same way (index measurements_episode).
    private static func measurements(_ sql: any SQLDatabase, of practice: String, _ each: (MeasurementRow) throws -> Void) async throws -> Int {
        try await byEpisode(sql, of: practice, "SELECT \(MeasurementRow.columns) FROM measurements",
                            MeasurementRow.init, each)
    }

    /// The rows of `select` (a table with an `episode_id`) of one practice's episodes, a
    /// page of episodes at a time, by episode and then id.
    private static func byEpisode<Row: Sendable>(_ sql: any SQLDatabase, of practice: String, _ select: String,
                                                 _ make: @escaping @Sendable (DriverRow) throws -> Row,
                                                 _ each: (Row) throws -> Void) async throws -> Int {
        var after = ""
        var count = 0
        while true {
            let episodes = try await sql.driverRows("""
                SELECT id FROM episodes WHERE practice_id = \(bind: practice) AND id > \(bind: after) ORDER BY id LIMIT \(literal: pageSize / 10)
                """, bulk: true) { try $0.required("id") }
            guard let last = episodes.last else { return count }
            let rows = try await sql.driverRows("""
                \(unsafeRaw: select) WHERE episode_id IN (\(binds: episodes)) ORDER BY episode_id, id
                """, bulk: true, make)
            for row in rows { try each(row) }
            count += rows.count
            guard episodes.count == pageSize / 10 else { return count }
            after = last
        }
    }

    /// The rows of `select` (of `practice`, by `practiceColumn`), in pages in id order. Rows
    /// are read from the driver (DriverRow): SQLKit's generic decoding of each episode's 25
    /// columns was a fifth of an export.
    private static func pages<Row: Identified & Sendable>(
        _ sql: any SQLDatabase, _ select: String, practiceColumn: String,
        _ practice: String?, _ make: @escaping @Sendable (DriverRow) throws -> Row, _ each: (Row) throws -> Void
    ) async throws -> Int {
        var after: String? = nil
        var count = 0
        while true {
            var query: SQLQueryString = "\(unsafeRaw: select) WHERE 1 = 1"
            if let practice { query = "\(query) AND \(unsafeRaw: practiceColumn) = \(bind: practice)" }
            if let after { query = "\(query) AND id > \(bind: after)" }
            query = "\(query) ORDER BY id LIMIT \(literal: pageSize)"
            let rows = try await sql.driverRows(query, bulk: true, make)
            for row in rows { try each(row) }
            count += rows.count
            guard rows.count == pageSize, let last = rows.last else { return count }
            after = last.id
        }
    }
}

protocol Identified { var id: String { get } }

struct PracticeRow: Identified, Sendable {
    var id: String, name: String, kvk: String?, agb: String?, ldo_opt_in: Bool, ldo_secret: String
    var cbs_correspondence_number: String?, cbs_email: String?, cbs_phone: String?, cbs_mirror_report_consent: String?

    init(_ r: DriverRow) throws {
        id = try r.required("id"); name = try r.required("name"); kvk = try r.string("kvk"); agb = try r.string("agb")
        ldo_opt_in = try r.bool("ldo_opt_in"); ldo_secret = try r.required("ldo_secret")
        cbs_correspondence_number = try r.string("cbs_correspondence_number"); cbs_email = try r.string("cbs_email")
        cbs_phone = try r.string("cbs_phone"); cbs_mirror_report_consent = try r.string("cbs_mirror_report_consent")
    }

    var dto: ExchangeDocument.Practice {
        .init(id: id, name: name, kvk: kvk, agb: agb, ldoOptIn: ldo_opt_in, cbsCorrespondenceNumber: cbs_correspondence_number,
              cbsEmail: cbs_email, cbsPhone: cbs_phone, cbsMirrorReportConsent: cbs_mirror_report_consent,
              ldoPseudonymKey: ldo_secret)
    }
}

struct EmployeeRow: Identified, Sendable {
    var id: String, practice_id: String, name: String, big: String?, agb: String?

    init(_ r: DriverRow) throws {
        id = try r.required("id"); practice_id = try r.required("practice_id"); name = try r.required("name")
        big = try r.string("big"); agb = try r.string("agb")
    }

    var dto: ExchangeDocument.Employee { .init(id: id, practiceId: practice_id, name: name, big: big, agb: agb) }
}

struct PatientRow: Identified, Sendable {
    var id: String, practice_id: String, number: String, name: String?, bsn: String?, birth_date: String?, sex: String?
    var postcode: String?, municipality_code: String?, insurer_uzovi: String?, identity_verified: Bool

    init(_ r: DriverRow) throws {
        id = try r.required("id"); practice_id = try r.required("practice_id"); number = try r.required("number")
        name = try r.string("name"); bsn = try r.string("bsn"); birth_date = try r.string("birth_date"); sex = try r.string("sex")
        postcode = try r.string("postcode"); municipality_code = try r.string("municipality_code")
        insurer_uzovi = try r.string("insurer_uzovi"); identity_verified = try r.bool("identity_verified")
    }

    var dto: ExchangeDocument.Patient {
        .init(id: id, practiceId: practice_id, number: number, name: name, bsn: bsn,
              birthDate: birth_date.flatMap { BirthDate(text: $0) }, sex: sex, postcode: postcode,
              municipalityCode: municipality_code, insurerUzovi: insurer_uzovi, identityVerified: identity_verified)
    }
}

struct EpisodeRow: Identified, Sendable {
    var id: String, patient_id: String, practice_id: String, main_practitioner_id: String?
    var start_date: String, end_date: String?
    var ldo_consent: String?, ldo_access_route: String?, ldo_referrer_type: String?, ldo_dcsph: String?
    var ldo_end_reason: String?, ldo_goals_achieved: String?
    var ldo_referral_date: String?, ldo_screening_conclusion: String?, ldo_chronic: Bool?
    var cbs_care_type: String?, cbs_started_in_crisis: Bool, cbs_referrer: String?, cbs_perspective: String?
    var cbs_end_reason: String?, cbs_youth_satisfaction: Int?, cbs_youth_without_further_help: String?
    var cbs_parent_satisfaction: Int?, cbs_parent_without_further_help: String?, cbs_financing: String?

    init(_ r: DriverRow) throws {
        id = try r.required("id"); patient_id = try r.required("patient_id"); practice_id = try r.required("practice_id")
        main_practitioner_id = try r.string("main_practitioner_id")
        start_date = try r.required("start_date"); end_date = try r.string("end_date")
        ldo_consent = try r.string("ldo_consent"); ldo_access_route = try r.string("ldo_access_route")
        ldo_referrer_type = try r.string("ldo_referrer_type"); ldo_dcsph = try r.string("ldo_dcsph")
        ldo_end_reason = try r.string("ldo_end_reason"); ldo_goals_achieved = try r.string("ldo_goals_achieved")
        ldo_referral_date = try r.string("ldo_referral_date"); ldo_screening_conclusion = try r.string("ldo_screening_conclusion")
        ldo_chronic = try r.optionalBool("ldo_chronic")
        cbs_care_type = try r.string("cbs_care_type"); cbs_started_in_crisis = try r.bool("cbs_started_in_crisis")
        cbs_referrer = try r.string("cbs_referrer"); cbs_perspective = try r.string("cbs_perspective")
        cbs_end_reason = try r.string("cbs_end_reason"); cbs_youth_satisfaction = try r.int("cbs_youth_satisfaction")
        cbs_youth_without_further_help = try r.string("cbs_youth_without_further_help")
        cbs_parent_satisfaction = try r.int("cbs_parent_satisfaction")
        cbs_parent_without_further_help = try r.string("cbs_parent_without_further_help"); cbs_financing = try r.string("cbs_financing")
    }

    func dto() throws -> ExchangeDocument.Episode {
        .init(id: id, patientId: patient_id, practiceId: practice_id, mainPractitionerId: main_practitioner_id,
              start: try storedDate(start_date, "episodes", id),
              end: end_date.flatMap { LocalDate(iso: $0) },
              ldo: .init(consent: ldo_consent, accessRoute: ldo_access_route, referrerType: ldo_referrer_type,
                         referralDate: try ldo_referral_date.map { try storedDate($0, "episodes", id) },
                         screeningConclusion: ldo_screening_conclusion, chronic: ldo_chronic,
                         dcsph: ldo_dcsph, endReason: ldo_end_reason, goalsAchieved: ldo_goals_achieved),
              cbs: .init(careType: cbs_care_type, startedInCrisis: cbs_started_in_crisis, referrer: cbs_referrer,
                         perspective: cbs_perspective, endReason: cbs_end_reason,
                         youthSatisfaction: cbs_youth_satisfaction, youthWithoutFurtherHelp: cbs_youth_without_further_help,
                         parentSatisfaction: cbs_parent_satisfaction, parentWithoutFurtherHelp: cbs_parent_without_further_help,
                         financing: cbs_financing))
    }
}

struct TreatmentRow: Identified, Sendable {
    var id: String, episode_id: String, practitioner_id: String?, date: String, status: String, code: String?

    init(_ r: DriverRow) throws {
        id = try r.required("id"); episode_id = try r.required("episode_id"); practitioner_id = try r.string("practitioner_id")
        date = try r.required("date"); status = try r.required("status"); code = try r.string("code")
    }

    func dto() throws -> ExchangeDocument.Treatment {
        try .init(id: id, episodeId: episode_id, practitionerId: practitioner_id,
                  date: storedDate(date, "treatments", id), status: status, code: code)
    }
}

/// Dates are checked on the way in; a row edited by hand in the database that holds no
/// date stops the export with a message naming it, instead of exporting something else.
func storedDate(_ text: String, _ table: String, _ id: String) throws -> LocalDate {
    guard let date = LocalDate(iso: text) else {
        throw ExportError(description: "\(table) \"\(id)\": stored date \"\(text)\" is not a date (YYYY-MM-DD)")
    }
    return date
}

struct ExportError: Error, CustomStringConvertible {
    let description: String
}

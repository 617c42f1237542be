// The LDO candidates from the database (spec/ldo.md §5): episodes of the practice with an
// attended treatment in the window, with patient, main practitioner, all attended
// treatments and the measurements, as `LDO.Episode` values. A page of episodes, then one
// query for that page's treatments and one for its measurements: no query per episode, and
// memory bounded by the page.

import Crypto
import Fluent
import Foundation
import LoketCore
import SQLKit

enum LDOEpisodeQuery {
    static let pageSize = 2000

    /// An episode row, read column by column from the driver (see DriverRows).
    struct Row: Sendable {
        var id: String, patient_id: String, start_date: String, end_date: String?
        var ldo_consent: String?, ldo_access_route: String?, ldo_referrer_type: String?, ldo_dcsph: String?
        var ldo_end_reason: String?, ldo_goals_achieved: String?
        var ldo_referral_date: String?, ldo_screening_conclusion: String?, ldo_chronic: Bool?
        var bsn: String?, birth_date: String?, sex: String?, postcode: String?, insurer_uzovi: String?
        var m_id: String?, m_big: String?, m_agb: String?

        init(_ r: DriverRow) throws {
            func text(_ c: String) throws -> String? { try r.string(c) }
            id = try r.required("id")
            patient_id = try r.required("patient_id")
            start_date = try r.required("start_date")
            end_date = try text("end_date")
            ldo_consent = try text("ldo_consent"); ldo_access_route = try text("ldo_access_route")
            ldo_referrer_type = try text("ldo_referrer_type"); ldo_dcsph = try text("ldo_dcsph")
            ldo_end_reason = try text("ldo_end_reason"); ldo_goals_achieved = try text("ldo_goals_achieved")
            ldo_referral_date = try text("ldo_referral_date"); ldo_screening_conclusion = try text("ldo_screening_conclusion")
            ldo_chronic = try r.optionalBool("ldo_chronic")
            bsn = try text("bsn"); birth_date = try text("birth_date"); sex = try text("sex")
            postcode = try text("postcode"); insurer_uzovi = try text("insurer_uzovi")
            m_id = try text("m_id"); m_big = try text("m_big"); m_agb = try text("m_agb")
        }
    }

    struct TreatmentRow: Sendable {
        var id: String, episode_id: String, date: String, code: String?, agb: String?

        init(_ r: DriverRow) throws {
            id = try r.required("id")
            episode_id = try r.required("episode_id")
            date = try r.required("date")
            code = try r.string("code")
            agb = try r.string("agb")
        }
    }

    static func practice(_ p: Practice) -> LDO.Practice {
        LDO.Practice(id: p.id!, kvk: p.kvk, agb: p.agb, optIn: p.ldoOptIn)
    }

    /// Calls `each` for every candidate episode of `practice` in `window`, in id order.
    static func forEach(on db: any Database, practice: Practice, window: DateRange,
                        _ each: (LDO.Episode) async throws -> Void) async throws {
        let sql = db as! any SQLDatabase
        let key = pseudonymKey(practice)
        var after = ""
        while true {
            let rows = try await sql.driverRows(page(practice: practice.id!, window: window, after: after), bulk: true, Row.init)
            guard !rows.isEmpty else { return }
            for episode in try await episodes(rows, sql: sql, key: key) { try await each(episode) }
            guard rows.count == pageSize, let last = rows.last else { return }
            after = last.id
        }
    }

    /// One page of candidates after the episode id `after`, in id order (index
    /// episodes_practice_id for the episodes, treatments_episode_status_date for the test).
    static func page(practice: String, window: DateRange, after: String) -> SQLQueryString {
        """
        \(unsafeRaw: select)
        WHERE e.practice_id = \(bind: practice) AND e.id > \(bind: after)
          AND EXISTS (SELECT 1 FROM treatments t WHERE t.episode_id = e.id AND t.status = 'attended'
                      AND t.date >= \(bind: window.start.iso) AND t.date <= \(bind: window.end.iso))
        ORDER BY e.id LIMIT \(literal: pageSize)
        """
    }

    /// One episode of `practice`, candidate or not: the episode form's "LDO" button checks
    /// it whatever its treatments.
    static func one(on db: any Database, practice: Practice, episodeID: String) async throws -> LDO.Episode? {
        let sql = db as! any SQLDatabase
        let rows = try await sql.driverRows("""
            \(unsafeRaw: select)
            WHERE e.practice_id = \(bind: practice.id!) AND e.id = \(bind: episodeID)
            """, Row.init)
        return try await episodes(rows, sql: sql, key: pseudonymKey(practice)).first
    }

    private static let select = """
        SELECT e.id, e.patient_id, e.start_date, e.end_date, e.ldo_consent, e.ldo_access_route, e.ldo_referrer_type,
               e.ldo_dcsph, e.ldo_end_reason, e.ldo_goals_achieved,
               e.ldo_referral_date, e.ldo_screening_conclusion, e.ldo_chronic,
               p.bsn, p.birth_date, p.sex, p.postcode, p.insurer_uzovi,
               m.id AS m_id, m.big AS m_big, m.agb AS m_agb
        FROM episodes e JOIN patients p ON p.id = e.patient_id
        LEFT JOIN employees m ON m.id = e.main_practitioner_id
        """

    /// The rows as rule values, with their attended treatments from one query for all rows.
    private static func episodes(_ rows: [Row], sql: any SQLDatabase, key: HMAC<SHA256>) async throws -> [LDO.Episode] {
        guard !rows.isEmpty else { return [] }
        let treatments = try await sql.driverRows("""
            SELECT t.id, t.episode_id, t.date, t.status, t.code, emp.agb
            FROM treatments t LEFT JOIN employees emp ON emp.id = t.practitioner_id
            WHERE t.status = 'attended' AND t.episode_id IN (\(binds: rows.map(\.id)))
            ORDER BY t.episode_id, t.date, t.id
            """, bulk: rows.count > 1, TreatmentRow.init)
        let byEpisode = Dictionary(grouping: treatments, by: \.episode_id)
        let measurements = try await sql.driverRows("""
            SELECT \(unsafeRaw: MeasurementRow.columns) FROM measurements
            WHERE episode_id IN (\(binds: rows.map(\.id)))
            ORDER BY episode_id, id
            """, bulk: rows.count > 1, MeasurementRow.init)
        let measurementsByEpisode = Dictionary(grouping: measurements, by: \.episode_id)
        return rows.compactMap { r in
            guard let start = LocalDate(iso: r.start_date) else { return nil }
            return LDO.Episode(
                id: r.id, patientPseudonym: pseudonym(r.patient_id, key: key), bsn: r.bsn,
                birthDate: r.birth_date.flatMap { BirthDate(text: $0) }, sex: r.sex, postcode: r.postcode,
                insurerUzovi: r.insurer_uzovi, consent: r.ldo_consent.flatMap(LDO.Consent.init(rawValue:)),
                start: start, end: r.end_date.flatMap { LocalDate(iso: $0) },
                accessRoute: r.ldo_access_route.flatMap(LDO.AccessRoute.init(rawValue:)),
                referrerType: r.ldo_referrer_type, referralDate: r.ldo_referral_date.flatMap { LocalDate(iso: $0) },
                screeningConclusion: r.ldo_screening_conclusion.flatMap(LDO.ScreeningConclusion.init(rawValue:)),
                chronic: r.ldo_chronic, dcsph: r.ldo_dcsph, endReason: r.ldo_end_reason,
                goalsAchieved: r.ldo_goals_achieved,
                mainPractitioner: r.m_id.map { LDO.Practitioner(id: $0, big: r.m_big, agb: r.m_agb) },
                treatments: (byEpisode[r.id] ?? []).compactMap { t in
                    LocalDate(iso: t.date).map { LDO.Treatment(id: t.id, date: $0, status: .attended, code: t.code, practitionerAGB: t.agb) }
                },
                measurements: (measurementsByEpisode[r.id] ?? []).map(\.value))
        }
    }

    /// The pre-pseudonym: HMAC-SHA256 of the patient id with the practice's secret, so it
    /// is stable across deliveries and cannot be traced back without the database.
    /// `key` is `pseudonymKey(practice)`, an HMAC that has taken in its key and no data yet.
    static func pseudonym(_ patientID: String, key: HMAC<SHA256>) -> String {
        var hmac = key
        hmac.update(data: Data(patientID.utf8))
        return Data(hmac.finalize()).hex
    }

    /// The practice's HMAC, set up once per delivery and copied per patient: setting up the
    /// key (padding it and hashing both halves) costs as much as a pseudonym, and a copy of
    /// the struct carries that state (swift-crypto's hashers are copy-on-write).
    static func pseudonymKey(_ practice: Practice) -> HMAC<SHA256> {
        HMAC(key: SymmetricKey(data: Data(practice.ldoSecret.utf8)))
    }
}

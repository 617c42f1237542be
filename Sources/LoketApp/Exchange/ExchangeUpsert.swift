// Bulk upserts for the import: many rows per statement (`INSERT … ON CONFLICT (id) DO
// UPDATE`, the same on SQLite and PostgreSQL). Row by row through Fluent models would take
// minutes for a 100k-episode document; this takes seconds.

import Foundation
import LoketCore
import SQLKit

enum ExchangeUpsert {
    static func practices(_ rows: [ExchangeDocument.Practice], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "practices",
            ["id", "name", "kvk", "agb", "ldo_opt_in", "cbs_correspondence_number", "cbs_email", "cbs_phone",
             "cbs_mirror_report_consent", "ldo_secret", "created_at", "updated_at"],
            // The pseudonym secret is made once, on insert, and never replaced by an import.
            insertOnly: ["ldo_secret", "created_at"],
            rows.map { p in [p.id, p.name, p.kvk, p.agb, p.ldoOptIn, p.cbsCorrespondenceNumber, p.cbsEmail, p.cbsPhone,
                             p.cbsMirrorReportConsent, PseudonymSecret.make(), now, now] })
    }

    static func employees(_ rows: [ExchangeDocument.Employee], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "employees", ["id", "practice_id", "name", "big", "agb", "created_at", "updated_at"],
            insertOnly: ["created_at"],
            rows.map { e in [e.id, e.practiceId, e.name, e.big, e.agb, now, now] })
    }

    static func patients(_ rows: [ExchangeDocument.Patient], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "patients",
            ["id", "practice_id", "number", "name", "bsn", "birth_date", "sex", "postcode", "municipality_code",
             "insurer_uzovi", "identity_verified", "created_at", "updated_at"],
            insertOnly: ["created_at"],
            rows.map { p in [p.id, p.practiceId, p.number, p.name, p.bsn, p.birthDate?.iso, p.sex, p.postcode,
                             p.municipalityCode, p.insurerUzovi, p.identityVerified, now, now] })
    }

    static func episodes(_ rows: [ExchangeDocument.Episode], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "episodes",
            ["id", "patient_id", "practice_id", "main_practitioner_id", "start_date", "end_date",
             "ldo_consent", "ldo_access_route", "ldo_referrer_type", "ldo_dcsph", "ldo_end_reason", "ldo_goals_achieved",
             "cbs_care_type", "cbs_started_in_crisis", "cbs_referrer", "cbs_perspective", "cbs_end_reason",
             "cbs_youth_satisfaction", "cbs_youth_without_further_help", "cbs_parent_satisfaction",
             "cbs_parent_without_further_help", "created_at", "updated_at"],
            insertOnly: ["created_at"],
            rows.map { e in [e.id, e.patientId, e.practiceId, e.mainPractitionerId, e.start.iso, e.end?.iso,
                             e.ldo.consent, e.ldo.accessRoute, e.ldo.referrerType, e.ldo.dcsph, e.ldo.endReason,
                             e.ldo.goalsAchieved, e.cbs.careType, e.cbs.startedInCrisis, e.cbs.referrer,
                             e.cbs.perspective, e.cbs.endReason, e.cbs.youthSatisfaction, e.cbs.youthWithoutFurtherHelp,
                             e.cbs.parentSatisfaction, e.cbs.parentWithoutFurtherHelp, now, now] })
    }

    static func treatments(_ rows: [ExchangeDocument.Treatment], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "treatments",
            ["id", "episode_id", "practitioner_id", "date", "status", "code", "created_at", "updated_at"],
            insertOnly: ["created_at"],
            rows.map { t in [t.id, t.episodeId, t.practitionerId, t.date.iso, t.status, t.code, now, now] })
    }

    /// Both databases accept well over 20,000 bound parameters in one statement
    /// (SQLite 32,766, PostgreSQL 65,535); chunks stay under that.
    private static let maxBinds = 20_000

    private static func upsert(_ sql: any SQLDatabase, _ table: String, _ columns: [String], insertOnly: Set<String>,
                               _ rows: [[(any Encodable & Sendable)?]]) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, maxBinds / columns.count)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + perStatement, rows.count)] {
                insert = insert.values(row.map { value -> any SQLExpression in
                    value.map { SQLBind($0) } ?? SQLLiteral.null
                })
            }
            try await insert.onConflict(with: ["id"]) { update in
                var update = update
                for c in columns where c != "id" && !insertOnly.contains(c) { update = update.set(excludedValueOf: c) }
                return update
            }.run()
        }
    }
}

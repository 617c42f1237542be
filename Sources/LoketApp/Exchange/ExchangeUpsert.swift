// Bulk upserts for the import: many rows per statement (`INSERT … ON CONFLICT (id) DO
// UPDATE`) on SQLite, COPY through a staging table on PostgreSQL (ExchangeUpsert+Postgres).
// Row by row through Fluent models would take minutes for a 100k-episode document; this
// takes seconds. The statements are written here
// and their values handed to the driver as they are (DriverValue): building them with
// SQLKit's expressions and generic binds cost more than running them.

import Foundation
import LoketCore
import PostgresNIO
import SQLKit

enum ExchangeUpsert {
    static func practices(_ rows: [ExchangeDocument.Practice], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "practices",
            ["id", "name", "kvk", "agb", "ldo_opt_in", "cbs_correspondence_number", "cbs_email", "cbs_phone",
             "cbs_mirror_report_consent", "ldo_secret", "created_at", "updated_at"],
            // The pseudonym secret is set once, on insert (the document's, else a new one), and
            // never replaced by an import (ExchangeImport refuses a different one).
            insertOnly: ["ldo_secret", "created_at"],
            rows) { p in [.text(p.id), .text(p.name), .init(p.kvk), .init(p.agb), .bool(p.ldoOptIn), .init(p.cbsCorrespondenceNumber),
                             .init(p.cbsEmail), .init(p.cbsPhone), .init(p.cbsMirrorReportConsent),
                             .text(p.ldoPseudonymKey ?? PseudonymSecret.make()),
                             .date(now), .date(now)] }
    }

    static func employees(_ rows: [ExchangeDocument.Employee], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "employees", ["id", "practice_id", "name", "big", "agb", "created_at", "updated_at"],
            insertOnly: ["created_at"],
            rows) { e in [.text(e.id), .text(e.practiceId), .text(e.name), .init(e.big), .init(e.agb), .date(now), .date(now)] }
    }

    static func patients(_ rows: [ExchangeDocument.Patient], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "patients",
            ["id", "practice_id", "number", "name", "bsn", "birth_date", "sex", "postcode", "municipality_code",
             "insurer_uzovi", "identity_verified", "created_at", "updated_at"],
            insertOnly: ["created_at"],
            rows) { p in [.text(p.id), .text(p.practiceId), .text(p.number), .init(p.name), .init(p.bsn), .init(p.birthDate?.iso),
                             .init(p.sex), .init(p.postcode), .init(p.municipalityCode), .init(p.insurerUzovi),
                             .bool(p.identityVerified), .date(now), .date(now)] }
    }

    static func episodes(_ rows: [ExchangeDocument.Episode], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "episodes",
            ["id", "patient_id", "practice_id", "main_practitioner_id", "start_date", "end_date",
             "ldo_consent", "ldo_access_route", "ldo_referrer_type", "ldo_referral_date", "ldo_screening_conclusion",
             "ldo_chronic", "ldo_dcsph", "ldo_end_reason", "ldo_goals_achieved",
             "cbs_care_type", "cbs_started_in_crisis", "cbs_referrer", "cbs_perspective", "cbs_end_reason",
             "cbs_youth_satisfaction", "cbs_youth_without_further_help", "cbs_parent_satisfaction",
             "cbs_parent_without_further_help", "cbs_financing", "created_at", "updated_at"],
            insertOnly: ["created_at"],
            rows) { e in [.text(e.id), .text(e.patientId), .text(e.practiceId), .init(e.mainPractitionerId), .text(e.start.iso),
                             .init(e.end?.iso), .init(e.ldo.consent), .init(e.ldo.accessRoute), .init(e.ldo.referrerType),
                             .init(e.ldo.referralDate?.iso), .init(e.ldo.screeningConclusion), .init(e.ldo.chronic),
                             .init(e.ldo.dcsph), .init(e.ldo.endReason), .init(e.ldo.goalsAchieved), .init(e.cbs.careType),
                             .bool(e.cbs.startedInCrisis), .init(e.cbs.referrer), .init(e.cbs.perspective), .init(e.cbs.endReason),
                             .init(e.cbs.youthSatisfaction), .init(e.cbs.youthWithoutFurtherHelp),
                             .init(e.cbs.parentSatisfaction), .init(e.cbs.parentWithoutFurtherHelp), .init(e.cbs.financing),
                             .date(now), .date(now)] }
    }

    static func treatments(_ rows: [ExchangeDocument.Treatment], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "treatments",
            ["id", "episode_id", "practitioner_id", "date", "status", "code", "created_at", "updated_at"],
            insertOnly: ["created_at"],
            rows) { t in [.text(t.id), .text(t.episodeId), .init(t.practitionerId), .text(t.date.iso), .text(t.status), .init(t.code),
                             .date(now), .date(now)] }
    }

    static func measurements(_ rows: [ExchangeDocument.Measurement], on sql: any SQLDatabase, now: Date) async throws {
        try await upsert(sql, "measurements",
            ["id", "episode_id", "instrument", "moment", "date", "score", "created_at", "updated_at"],
            insertOnly: ["created_at"],
            rows) { m in [.text(m.id), .text(m.episodeId), .init(m.instrument), .init(m.moment), .init(m.date?.iso),
                             .init(m.score), .date(now), .date(now)] }
    }

    /// SQLite accepts 32,766 bound parameters in one statement; chunks stay under that.
    private static let maxBinds = 20_000

    /// `row` makes one record's values; they are made a statement's (or COPY message's)
    /// worth at a time, so a million records never exist twice over as bound values.
    private static func upsert<Record: Sendable>(_ sql: any SQLDatabase, _ table: String, _ columns: [String], insertOnly: Set<String>,
                                                 _ records: [Record], _ row: @escaping @Sendable (Record) -> [DriverValue]) async throws {
        guard !records.isEmpty else { return }
        let quoted = columns.map { "\"\($0)\"" }
        let updates = zip(columns, quoted).filter { $0.0 != "id" && !insertOnly.contains($0.0) }
            .map { "\($0.1) = EXCLUDED.\($0.1)" }.joined(separator: ", ")
        if let postgres = sql as? any PostgresDatabase {
            return try await copyUpsert(postgres, table: table, columns: columns, updates: updates, records: records, row: row)
        }
        let perStatement = max(1, maxBinds / columns.count)
        // The statement's text by its number of rows: every chunk but the last has the same.
        var statements: [Int: String] = [:]
        for start in stride(from: 0, to: records.count, by: perStatement) {
            let chunk = records[start..<min(start + perStatement, records.count)]
            try await sql.driverExecute(chunk.flatMap(row)) { placeholder in
                if let statement = statements[chunk.count] { return statement }
                var n = 0
                let tuples = (0..<chunk.count).map { _ in
                    "(" + columns.map { _ in n += 1; return placeholder(n) }.joined(separator: ", ") + ")"
                }
                let statement = "INSERT INTO \"\(table)\" (\(quoted.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", ")) "
                    + "ON CONFLICT (\"id\") DO UPDATE SET \(updates)"
                statements[chunk.count] = statement
                return statement
            }
        }
    }
}

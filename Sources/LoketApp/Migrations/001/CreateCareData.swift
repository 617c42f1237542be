// 001: the care data of spec/exchange-format.md. Portable between SQLite and PostgreSQL:
// only create table and create index (SQLite cannot alter a column later, so a change
// of shape is a new migration with a new table and a copy).

import Fluent
import SQLKit

struct CreatePractices: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("practices")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("kvk", .string)
            .field("agb", .string)
            .field("ldo_opt_in", .bool, .required)
            .field("ldo_secret", .string, .required)
            .field("cbs_correspondence_number", .string)
            .field("cbs_email", .string)
            .field("cbs_phone", .string)
            .field("cbs_mirror_report_consent", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("practices").delete() }
}

struct CreateEmployees: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("employees")
            .field("id", .string, .identifier(auto: false))
            .field("practice_id", .string, .required, .references("practices", "id"))
            .field("name", .string, .required)
            .field("big", .string)
            .field("agb", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await index(db, "employees_practice", on: "employees", ["practice_id", "name"])
    }

    func revert(on db: any Database) async throws { try await db.schema("employees").delete() }
}

struct CreatePatients: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("patients")
            .field("id", .string, .identifier(auto: false))
            .field("practice_id", .string, .required, .references("practices", "id"))
            .field("number", .string, .required)
            .field("name", .string)
            .field("bsn", .string)
            .field("birth_date", .string)
            .field("sex", .string)
            .field("postcode", .string)
            .field("municipality_code", .string)
            .field("insurer_uzovi", .string)
            .field("identity_verified", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // Patient lists and search are per practice, by number and by name.
        try await index(db, "patients_practice_number", on: "patients", ["practice_id", "number"])
        try await index(db, "patients_practice_name", on: "patients", ["practice_id", "name"])
        try await index(db, "patients_bsn", on: "patients", ["bsn"])
    }

    func revert(on db: any Database) async throws { try await db.schema("patients").delete() }
}

struct CreateEpisodes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("episodes")
            .field("id", .string, .identifier(auto: false))
            .field("patient_id", .string, .required, .references("patients", "id"))
            .field("practice_id", .string, .required, .references("practices", "id"))
            .field("main_practitioner_id", .string, .references("employees", "id"))
            .field("start_date", .string, .required)
            .field("end_date", .string)
            .field("ldo_consent", .string)
            .field("ldo_access_route", .string)
            .field("ldo_referrer_type", .string)
            .field("ldo_dcsph", .string)
            .field("ldo_end_reason", .string)
            .field("ldo_goals_achieved", .string)
            .field("cbs_care_type", .string)
            .field("cbs_started_in_crisis", .bool, .required)
            .field("cbs_referrer", .string)
            .field("cbs_perspective", .string)
            .field("cbs_end_reason", .string)
            .field("cbs_youth_satisfaction", .int)
            .field("cbs_youth_without_further_help", .string)
            .field("cbs_parent_satisfaction", .int)
            .field("cbs_parent_without_further_help", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // The CBS selection: practice, then `start <= period end`, then the end date.
        try await index(db, "episodes_practice_start", on: "episodes", ["practice_id", "start_date", "end_date"])
        try await index(db, "episodes_patient", on: "episodes", ["patient_id"])
    }

    func revert(on db: any Database) async throws { try await db.schema("episodes").delete() }
}

struct CreateTreatments: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("treatments")
            .field("id", .string, .identifier(auto: false))
            .field("episode_id", .string, .required, .references("episodes", "id"))
            .field("practitioner_id", .string, .references("employees", "id"))
            .field("date", .string, .required)
            .field("status", .string, .required)
            .field("code", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // The LDO candidates: an attended treatment of the episode inside the window.
        try await index(db, "treatments_episode_status_date", on: "treatments", ["episode_id", "status", "date"])
    }

    func revert(on db: any Database) async throws { try await db.schema("treatments").delete() }
}

/// Fluent's schema builder has no indexes; SQLKit writes the same statement for both databases.
func index(_ db: any Database, _ name: String, on table: String, _ columns: [String]) async throws {
    var builder = (db as! any SQLDatabase).create(index: name).on(table)
    for c in columns { builder = builder.column(c) }
    try await builder.run()
}

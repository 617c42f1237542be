// Migrations in order. A landed migration is never edited; a change is a new one.

import Fluent
import Vapor

/// The migrations in order; a database is up to date when it has run all of them.
let allMigrations: [any Migration] = [
    CreatePractices(), CreateEmployees(), CreatePatients(), CreateEpisodes(), CreateTreatments(), CreateAuditLog(),
    CreateAPITokens(), CreateUsers(), CreateSignInFailures(), SessionRecord.migration, CreateCBSDeliveries(),
    CreateLDODeliveries(), AddDeliveryIndexes(), CreateOutboxAndLocks(), AddCBSHerlevering(), AddCBSFinancing(),
    CreateCBSControlRows(), AddCBSFixedFormatCopy(), AddAuditKey(), AddPasswordChangeRequired(), AddTwoFactor(), AddLDOMeasurements(), AddLDOAutomaticDelivery(),
    DropCBSEpisodeStamps(),
]

func registerMigrations(_ app: Application) {
    for migration in allMigrations { app.migrations.add(migration) }
}

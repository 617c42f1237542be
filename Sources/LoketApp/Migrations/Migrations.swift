// Migrations in order. A landed migration is never edited; a change is a new one.

import Fluent
import Vapor

func registerMigrations(_ app: Application) {
    app.migrations.add(CreatePractices())
    app.migrations.add(CreateEmployees())
    app.migrations.add(CreatePatients())
    app.migrations.add(CreateEpisodes())
    app.migrations.add(CreateTreatments())
    app.migrations.add(CreateAuditLog())
    app.migrations.add(CreateAPITokens())
    app.migrations.add(CreateUsers())
    app.migrations.add(CreateSignInFailures())
    app.migrations.add(SessionRecord.migration)
    app.migrations.add(CreateCBSDeliveries())
    app.migrations.add(CreateLDODeliveries())
    app.migrations.add(AddDeliveryIndexes())
    app.migrations.add(CreateOutboxAndLocks())
    app.migrations.add(AddCBSHerlevering())
    app.migrations.add(AddCBSFinancing())
    app.migrations.add(CreateCBSControlRows())
    app.migrations.add(AddCBSFixedFormatCopy())
}

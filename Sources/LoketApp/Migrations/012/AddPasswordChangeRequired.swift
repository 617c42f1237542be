// 012: a user whose password a beheerder reset must choose a new one at the next sign-in
// (the one-time password is seen by the beheerder, so it must not stay).

import Fluent
import SQLKit

struct AddPasswordChangeRequired: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("users").field("must_change_password", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("users").deleteField("must_change_password").update()
    }
}

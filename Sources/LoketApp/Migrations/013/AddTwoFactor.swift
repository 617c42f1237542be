// 013: two-factor sign-in (TOTP, RFC 6238). Per user: the secret (base32) once enrolment is
// confirmed, and the last time step used (a code is good once). Recovery codes, stored as
// SHA-256 (each is shown once, used once). Per practice: whether its beheerder requires two-factor
// sign-in of every member.

import Fluent
import SQLKit

struct AddTwoFactor: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("users").field("totp_secret", .string).update()
        try await db.schema("users").field("totp_last_step", .int64).update()
        try await db.schema("practices").field("require_two_factor", .bool, .required, .sql(.default(false))).update()
        try await db.schema("recovery_codes")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required, .references("users", "id", onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("recovery_codes").delete()
        try await db.schema("practices").deleteField("require_two_factor").update()
        try await db.schema("users").deleteField("totp_last_step").update()
        try await db.schema("users").deleteField("totp_secret").update()
    }
}

// A patient read by its columns, for the same reason as `Practice.load`: the patient and
// episode pages read one on every view. The model is Fluent's own: saving it updates the row.

import Fluent
import SQLKit

extension Patient {
    static func load(_ id: String, on db: any Database) async throws -> Patient? {
        try await (db as! any SQLDatabase).driverRows("""
            SELECT id, practice_id, number, name, bsn, birth_date, sex, postcode, municipality_code, insurer_uzovi,
                   identity_verified
            FROM patients WHERE id = \(bind: id)
            """) { r in
            let p = Patient()
            p.id = try r.required("id")
            p.$id.exists = true
            p.practiceID = try r.required("practice_id")
            p.number = try r.required("number")
            p.name = try r.string("name")
            p.bsn = try r.string("bsn")
            p.birthDate = try r.string("birth_date")
            p.sex = try r.string("sex")
            p.postcode = try r.string("postcode")
            p.municipalityCode = try r.string("municipality_code")
            p.insurerUzovi = try r.string("insurer_uzovi")
            p.identityVerified = try r.bool("identity_verified")
            return p
        }.first
    }
}

// A practice read by its columns. Every page of a practice starts by reading it, and
// Fluent's `find` builds the model through reflection each time: a fifth of a patient
// page. The model made here is Fluent's own: saving it updates the row.

import Fluent
import SQLKit

extension Practice {
    static func load(_ id: String, on db: any Database) async throws -> Practice? {
        try await (db as! any SQLDatabase).driverRows("""
            SELECT id, name, kvk, agb, ldo_opt_in, ldo_secret, ldo_pvm_folder, ldo_auto_day, cbs_correspondence_number, cbs_email,
                   cbs_phone, cbs_mirror_report_consent, require_two_factor
            FROM practices WHERE id = \(bind: id)
            """) { r in
            let p = Practice()
            p.id = try r.required("id")
            p.$id.exists = true
            p.name = try r.required("name")
            p.kvk = try r.string("kvk")
            p.agb = try r.string("agb")
            p.ldoOptIn = try r.bool("ldo_opt_in")
            p.ldoSecret = try r.required("ldo_secret")
            p.ldoPVMFolder = try r.string("ldo_pvm_folder")
            p.ldoAutoDay = try r.int("ldo_auto_day")
            p.cbsCorrespondenceNumber = try r.string("cbs_correspondence_number")
            p.cbsEmail = try r.string("cbs_email")
            p.cbsPhone = try r.string("cbs_phone")
            p.cbsMirrorReportConsent = try r.string("cbs_mirror_report_consent")
            p.requireTwoFactor = try r.bool("require_two_factor")
            return p
        }.first
    }
}

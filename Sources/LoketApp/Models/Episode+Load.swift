// An episode read by its columns, for the same reason as `Practice.load`: the episode page
// reads one on every view, and it is the model with the most fields. The model is Fluent's
// own: saving it updates the row.

import Fluent
import SQLKit

extension Episode {
    static func load(_ id: String, on db: any Database) async throws -> Episode? {
        try await (db as! any SQLDatabase).driverRows("""
            SELECT id, patient_id, practice_id, main_practitioner_id, start_date, end_date,
                   ldo_consent, ldo_access_route, ldo_referrer_type, ldo_dcsph, ldo_end_reason, ldo_goals_achieved,
                   ldo_referral_date, ldo_screening_conclusion, ldo_chronic,
                   cbs_care_type, cbs_financing, cbs_started_in_crisis, cbs_referrer, cbs_perspective, cbs_end_reason,
                   cbs_youth_satisfaction, cbs_youth_without_further_help, cbs_parent_satisfaction,
                   cbs_parent_without_further_help
            FROM episodes WHERE id = \(bind: id)
            """) { r in
            let e = Episode()
            e.id = try r.required("id")
            e.$id.exists = true
            e.patientID = try r.required("patient_id")
            e.practiceID = try r.required("practice_id")
            e.mainPractitionerID = try r.string("main_practitioner_id")
            e.startDate = try r.required("start_date")
            e.endDate = try r.string("end_date")
            e.ldoConsent = try r.string("ldo_consent")
            e.ldoAccessRoute = try r.string("ldo_access_route")
            e.ldoReferrerType = try r.string("ldo_referrer_type")
            e.ldoDCSPH = try r.string("ldo_dcsph")
            e.ldoEndReason = try r.string("ldo_end_reason")
            e.ldoGoalsAchieved = try r.string("ldo_goals_achieved")
            e.ldoReferralDate = try r.string("ldo_referral_date")
            e.ldoScreeningConclusion = try r.string("ldo_screening_conclusion")
            e.ldoChronic = try r.optionalBool("ldo_chronic")
            e.cbsCareType = try r.string("cbs_care_type")
            e.cbsFinancing = try r.string("cbs_financing")
            e.cbsStartedInCrisis = try r.bool("cbs_started_in_crisis")
            e.cbsReferrer = try r.string("cbs_referrer")
            e.cbsPerspective = try r.string("cbs_perspective")
            e.cbsEndReason = try r.string("cbs_end_reason")
            e.cbsYouthSatisfaction = try r.int("cbs_youth_satisfaction")
            e.cbsYouthWithoutFurtherHelp = try r.string("cbs_youth_without_further_help")
            e.cbsParentSatisfaction = try r.int("cbs_parent_satisfaction")
            e.cbsParentWithoutFurtherHelp = try r.string("cbs_parent_without_further_help")
            return e
        }.first
    }
}

// Behandelepisode with its LDO part and its CBS part, flattened into one row: every
// delivery reads an episode whole, and one row per episode keeps those reads a single scan.

import Fluent
import Foundation

final class Episode: Model, @unchecked Sendable {
    static let schema = "episodes"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "patient_id") var patientID: String
    @Field(key: "practice_id") var practiceID: String
    /// Hoofdbehandelaar.
    @OptionalField(key: "main_practitioner_id") var mainPractitionerID: String?
    @Field(key: "start_date") var startDate: String
    @OptionalField(key: "end_date") var endDate: String?

    @OptionalField(key: "ldo_consent") var ldoConsent: String?
    @OptionalField(key: "ldo_access_route") var ldoAccessRoute: String?
    @OptionalField(key: "ldo_referrer_type") var ldoReferrerType: String?
    /// Verwijsdatum (migration 014).
    @OptionalField(key: "ldo_referral_date") var ldoReferralDate: String?
    /// Conclusie screening DTO: "treat", "refer", "no_indication" (migration 014).
    @OptionalField(key: "ldo_screening_conclusion") var ldoScreeningConclusion: String?
    /// Chronische lijst (migration 014).
    @OptionalField(key: "ldo_chronic") var ldoChronic: Bool?
    @OptionalField(key: "ldo_dcsph") var ldoDCSPH: String?
    @OptionalField(key: "ldo_end_reason") var ldoEndReason: String?
    @OptionalField(key: "ldo_goals_achieved") var ldoGoalsAchieved: String?

    /// Hulpvorm.
    @OptionalField(key: "cbs_care_type") var cbsCareType: String?
    @Field(key: "cbs_started_in_crisis") var cbsStartedInCrisis: Bool
    /// "zin" or "pgb"; nil is zin (spec/cbs-jeugdhulp.md §3).
    @OptionalField(key: "cbs_financing") var cbsFinancing: String?
    /// Verwijzer.
    @OptionalField(key: "cbs_referrer") var cbsReferrer: String?
    @OptionalField(key: "cbs_perspective") var cbsPerspective: String?
    @OptionalField(key: "cbs_end_reason") var cbsEndReason: String?
    @OptionalField(key: "cbs_youth_satisfaction") var cbsYouthSatisfaction: Int?
    @OptionalField(key: "cbs_youth_without_further_help") var cbsYouthWithoutFurtherHelp: String?
    @OptionalField(key: "cbs_parent_satisfaction") var cbsParentSatisfaction: Int?
    @OptionalField(key: "cbs_parent_without_further_help") var cbsParentWithoutFurtherHelp: String?

    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

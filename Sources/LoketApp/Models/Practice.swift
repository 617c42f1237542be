// Praktijk: the registration numbers and the registry settings (tab "Aanleveringen").
// Ids are the exchange format's ids, kept as the primary key so a second import of a
// changed document updates records instead of duplicating them.

import Fluent
import Foundation

final class Practice: Model, @unchecked Sendable {
    static let schema = "practices"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @OptionalField(key: "kvk") var kvk: String?
    @OptionalField(key: "agb") var agb: String?
    /// "Aanleveren aan LDO".
    @Field(key: "ldo_opt_in") var ldoOptIn: Bool
    /// The beheerder requires two-factor sign-in of every member (migration 013).
    @Field(key: "require_two_factor") var requireTwoFactor: Bool
    /// Secret for the LDO pre-pseudonym (HMAC of the patient id); never exported.
    @Field(key: "ldo_secret") var ldoSecret: String
    /// The folder the practice's PVM reads deliveries from and writes reports to (migration 004).
    @OptionalField(key: "ldo_pvm_folder") var ldoPVMFolder: String?
    /// The day of the month (1–28) `serve` makes the LDO delivery by itself; nil: only by
    /// hand (migration 015, LDOAutomaticDelivery).
    @OptionalField(key: "ldo_auto_day") var ldoAutoDay: Int?
    @OptionalField(key: "cbs_correspondence_number") var cbsCorrespondenceNumber: String?
    @OptionalField(key: "cbs_email") var cbsEmail: String?
    @OptionalField(key: "cbs_phone") var cbsPhone: String?
    /// Akkoord doorlevering spiegelrapport: "ja", "nee" or nil.
    @OptionalField(key: "cbs_mirror_report_consent") var cbsMirrorReportConsent: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

// Patiënt. Care data is stored as given, also when it would fail a registry check (a BSN
// that fails the elfproef): the checks exist to show it, and the practice fixes it here.
// Dates are `YYYY-MM-DD` text: the rules speak of days, text compares in day order on
// both databases, and no time zone can shift a birth date.

import Fluent
import Foundation

final class Patient: Model, @unchecked Sendable {
    static let schema = "patients"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "practice_id") var practiceID: String
    /// Patiëntnummer.
    @Field(key: "number") var number: String
    @OptionalField(key: "name") var name: String?
    @OptionalField(key: "bsn") var bsn: String?
    @OptionalField(key: "birth_date") var birthDate: String?
    @OptionalField(key: "sex") var sex: String?
    @OptionalField(key: "postcode") var postcode: String?
    @OptionalField(key: "municipality_code") var municipalityCode: String?
    @OptionalField(key: "insurer_uzovi") var insurerUzovi: String?
    @Field(key: "identity_verified") var identityVerified: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

// Medewerker / zorgverlener: a practitioner of one practice, with BIG and AGB numbers.

import Fluent
import Foundation

final class Employee: Model, @unchecked Sendable {
    static let schema = "employees"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "practice_id") var practiceID: String
    @Field(key: "name") var name: String
    @OptionalField(key: "big") var big: String?
    @OptionalField(key: "agb") var agb: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

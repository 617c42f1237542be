// Behandeling: one contact on an episode, attended (nagekomen), no-show (niet
// verschenen) or cancelled (geannuleerd). Only attended ones count for the LDO.

import Fluent
import Foundation

final class Treatment: Model, @unchecked Sendable {
    static let schema = "treatments"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "episode_id") var episodeID: String
    @OptionalField(key: "practitioner_id") var practitionerID: String?
    @Field(key: "date") var date: String
    @Field(key: "status") var status: String
    /// Prestatiecode.
    @OptionalField(key: "code") var code: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

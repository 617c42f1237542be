// Meting: one outcome measurement of an episode (spec/ldo.md §4), stored as given: the LDO
// check decides whether it can be sent.

import Fluent
import Foundation

final class Measurement: Model, @unchecked Sendable {
    static let schema = "measurements"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "episode_id") var episodeID: String
    /// The instrument's code (PSK, NPRS, …).
    @OptionalField(key: "instrument") var instrument: String?
    /// "start", "interim" or "end".
    @OptionalField(key: "moment") var moment: String?
    @OptionalField(key: "date") var date: String?
    @OptionalField(key: "score") var score: Double?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

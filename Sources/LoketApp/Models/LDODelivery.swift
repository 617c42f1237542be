// An LDO delivery (aanlevering): the file placed in the PVM folder for one window, who made
// it and when, its counts, and its status once PVM's processing report is in.

import Fluent
import Foundation

final class LDODelivery: Model, @unchecked Sendable {
    static let schema = "ldo_deliveries"

    enum Status: String {
        /// Klaargezet: in the PVM folder, no report yet.
        case placed
        /// Verwerkt: PVM processed it (episodes may still be rejected one by one).
        case processed
        /// Afgekeurd: a fatal (2xxx) code; nothing of it was taken.
        case rejected

        var label: String {
            switch self {
            case .placed: "Klaargezet"
            case .processed: "Verwerkt"
            case .rejected: "Afgekeurd"
            }
        }
    }

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "practice_id") var practiceID: String
    @Field(key: "delivery_date") var deliveryDate: String
    @Field(key: "window_start") var windowStart: String
    @Field(key: "window_end") var windowEnd: String
    @Field(key: "made_by") var madeBy: String
    @Field(key: "made_at") var madeAt: Date
    @Field(key: "included") var included: Int
    @Field(key: "excluded_with_findings") var excludedWithFindings: Int
    @Field(key: "excluded_for_consent") var excludedForConsent: Int
    @Field(key: "file_path") var filePath: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "status") var status: String
    @OptionalField(key: "report") var report: Data?
    @OptionalField(key: "report_received_at") var reportReceivedAt: Date?
    /// The file is `fileHead`, the records in episode order, `fileTail` (the outbox writes it
    /// from these after the commit). Nil for deliveries made before migration 006.
    @OptionalField(key: "file_head") var fileHead: String?
    @OptionalField(key: "file_tail") var fileTail: String?
    @OptionalField(key: "file_sha256") var fileSHA256: String?

    init() {}

    var statusValue: Status { Status(rawValue: status) ?? .placed }
}

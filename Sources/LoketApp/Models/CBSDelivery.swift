// A CBS delivery (aanlevering): a control (controle) or a definitive file (definitief) for
// one practice and half year, who made it and when, its counts, and the file.

import Fluent
import Foundation

final class CBSDelivery: Model, @unchecked Sendable {
    static let schema = "cbs_deliveries"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "practice_id") var practiceID: String
    @Field(key: "year") var year: Int
    @Field(key: "half") var half: Int
    /// "control" or "final".
    @Field(key: "kind") var kind: String
    /// The actor (`user:ID`, `token:ID`, `cli:ACCOUNT`).
    @Field(key: "made_by") var madeBy: String
    @Field(key: "made_at") var madeAt: Date
    @Field(key: "rows") var rows: Int
    @Field(key: "deliverable_rows") var deliverableRows: Int
    /// Records in the file, after merging overlapping ones of the same BSN and hulpvorm.
    @Field(key: "records") var records: Int
    @OptionalField(key: "format") var format: String?
    @OptionalField(key: "file_name") var fileName: String?
    @OptionalField(key: "file") var file: Data?
    @OptionalField(key: "file_sha256") var fileSHA256: String?
    /// The later definitive delivery of the same practice and period that replaces this one
    /// (herlevering); nil for the current one.
    @OptionalField(key: "replaced_by") var replacedBy: String?
    /// Withdrawn (ingetrokken): no longer current; the one it replaced is current again.
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by") var withdrawnBy: String?
    @OptionalField(key: "withdrawal_reason") var withdrawalReason: String?
    /// The layout version of the file (CBSLayout.version), e.g. "5.4".
    @OptionalField(key: "layout") var layout: String?
    /// A spreadsheet delivery's records in the fixed format, to compare it (migration 010).
    @OptionalField(key: "fixed_file") var fixedFile: Data?

    init() {}

    var isFinal: Bool { kind == "final" }

    /// A definitive delivery neither replaced nor withdrawn: CBS's data for its period.
    var isCurrent: Bool { isFinal && replacedBy == nil && withdrawnAt == nil }

    /// The delivery in the fixed format: its file, or for a spreadsheet its kept copy.
    var fixedFormat: Data? { format == CBSFileFormat.ascii.rawValue ? file : fixedFile }
}

// A CBS delivery as the JSON API and `loket cbs list --format json` show it: the counts and
// where its file is, never the file's contents inline.

import Foundation

struct CBSDeliverySummary: Codable, Sendable, Equatable {
    var id: String
    var practice: String
    var kind: String
    var year: Int
    var period: Int
    var madeBy: String
    /// ISO 8601, UTC.
    var madeAt: String
    var rows: Int
    var deliverableRows: Int
    var records: Int
    var format: String?
    var fileName: String?
    /// The API path of the file, for a definitive delivery.
    var file: String?
    /// The SHA-256 of the definitive file.
    var sha256: String?
    /// Where the file was written (absolute), for one made with an output path.
    var path: String?
    /// Whether that file is in place (false: the outbox writes it on the next run).
    var written: Bool?
    /// The layout version of the file (e.g. "5.4").
    var layout: String?
    /// The later definitive delivery of the period that replaces this one (herlevering).
    var replacedBy: String?
    /// Withdrawn (ISO 8601, UTC), with the reason given.
    var withdrawnAt: String?
    var withdrawalReason: String?

    init(_ d: CBSDelivery, file entry: DeliveryFile? = nil) {
        id = d.id!
        practice = d.practiceID
        kind = d.kind
        year = d.year
        period = d.half
        madeBy = d.madeBy
        madeAt = AuditChain.timestamp(d.madeAt)
        rows = d.rows
        deliverableRows = d.deliverableRows
        records = d.records
        format = d.format
        fileName = d.fileName
        file = d.isFinal ? "/api/v1/cbs/deliveries/\(d.id!)/file" : nil
        sha256 = d.fileSHA256
        path = entry?.path
        written = entry.map { $0.writtenAt != nil }
        layout = d.layout
        replacedBy = d.replacedBy
        withdrawnAt = d.withdrawnAt.map(AuditChain.timestamp)
        withdrawalReason = d.withdrawalReason
    }
}

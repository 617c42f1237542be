// An LDO delivery as the JSON API and `loket ldo list --format json` show it.

import Foundation

struct LDODeliverySummary: Codable, Sendable, Equatable {
    var id: String
    /// Always "delivery" (CBS lists say "control" or "final").
    var kind: String
    var practice: String
    var deliveryDate: String
    var window: LDOCheckReport.Window
    var madeBy: String
    /// ISO 8601, UTC.
    var madeAt: String
    var included: Int
    var excludedWithFindings: Int
    var excludedForConsent: Int
    var fileName: String
    /// The file's absolute path (the PVM folder, or --output) and its SHA-256.
    var path: String
    var sha256: String?
    /// Whether the file is in place (false: the outbox writes it on the next run).
    var written: Bool
    /// placed (klaargezet), processed (verwerkt) or rejected (afgekeurd).
    var status: String
    var reportReceivedAt: String?

    init(_ d: LDODelivery, file entry: DeliveryFile? = nil) {
        id = d.id!
        kind = "delivery"
        practice = d.practiceID
        deliveryDate = d.deliveryDate
        window = .init(start: d.windowStart, end: d.windowEnd)
        madeBy = d.madeBy
        madeAt = AuditChain.timestamp(d.madeAt)
        included = d.included
        excludedWithFindings = d.excludedWithFindings
        excludedForConsent = d.excludedForConsent
        fileName = d.fileName
        path = entry?.path ?? (d.filePath as NSString).appendingPathComponent(d.fileName)
        sha256 = d.fileSHA256
        // A delivery from before the outbox was written before its commit.
        written = entry.map { $0.writtenAt != nil } ?? true
        status = d.status
        reportReceivedAt = d.reportReceivedAt.map(AuditChain.timestamp)
    }
}

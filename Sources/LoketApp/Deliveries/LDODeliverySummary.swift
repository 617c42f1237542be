// An LDO delivery as the JSON API and `loket ldo list --format json` show it.

import Foundation

struct LDODeliverySummary: Codable, Sendable, Equatable {
    var id: String
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
    /// placed (klaargezet), processed (verwerkt) or rejected (afgekeurd).
    var status: String
    var reportReceivedAt: String?

    init(_ d: LDODelivery) {
        id = d.id!
        practice = d.practiceID
        deliveryDate = d.deliveryDate
        window = .init(start: d.windowStart, end: d.windowEnd)
        madeBy = d.madeBy
        madeAt = AuditChain.timestamp(d.madeAt)
        included = d.included
        excludedWithFindings = d.excludedWithFindings
        excludedForConsent = d.excludedForConsent
        fileName = d.fileName
        status = d.status
        reportReceivedAt = d.reportReceivedAt.map(AuditChain.timestamp)
    }
}

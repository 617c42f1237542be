// A definitive delivery's changes against the one before it (CBSFinalChanges), as
// `loket cbs changes` and GET /api/v1/cbs/deliveries/:id/changes give them: the counts, and
// each record by its fields' values as they stand in the file (so with the BSN: this is
// for the practice's own systems, like the file itself).

import Foundation
import LoketCore

struct CBSChangesSummary: Codable, Sendable, Equatable {
    struct Change: Codable, Sendable, Equatable {
        var before: CBS.FileRecord
        var after: CBS.FileRecord
        var fields: [CBS.Field]
    }

    var delivery: String
    var year: Int
    var period: Int
    /// The definitive delivery compared with; nil for the first of its period.
    var previous: String?
    var added: [CBS.FileRecord]
    var removed: [CBS.FileRecord]
    var changed: [Change]
    var unchanged: Int

    init(_ result: CBSFinalChanges.Result) {
        delivery = result.delivery.id!
        year = result.delivery.year
        period = result.delivery.half
        previous = result.previous?.id
        added = result.changes.added
        removed = result.changes.removed
        changed = result.changes.changed.map { Change(before: $0.before, after: $0.after, fields: $0.fields) }
        unchanged = result.changes.unchanged
    }
}

// Use case: the LDO check (spec/ldo.md §2 step 2, §5): what the delivery of a day would
// include and leave out, and why. The wizard's step 2, `loket ldo check` and
// GET /api/v1/ldo/check; each run is audited, as it reads every candidate's data.

import LoketCore

enum LDOCheckRun {
    /// `channel` ("web") goes into the audit entry's detail.
    static func run(practice: Practice, deliveryDate: LocalDate, channel: String? = nil,
                    in context: UseCaseContext) async throws -> LDOCheckReport.Report {
        guard deliveryDate.isSupported else { throw LDOCheckReport.NotOptedIn(description: LDOMessages.dateOutOfRange) }
        let report = try await LDOCheckReport.run(on: context.db, practice: practice, deliveryDate: deliveryDate)
        try await context.audit(.ldoCheck, practice: practice.id,
                                detail: LDOCheckReport.auditDetail(report) + (channel.map { ", \($0)" } ?? ""))
        return report
    }
}

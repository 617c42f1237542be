// Use cases: the CBS control overview (spec/cbs-jeugdhulp.md §6).
// - `make`: a control made on purpose (the page's "Controle maken", `loket cbs control`,
//   POST /api/v1/cbs/control): the overview, then in one transaction the control listed
//   among the deliveries with its counts and its audit entry.
// - `view`: the overview read again (the page, its CSV and Excel downloads, GET of the API):
//   audited as a view of patient data, nothing else written.

import Fluent
import Foundation
import LoketCore

enum CBSControlRun {
    /// Streams the overview in `format` through `write` (or only counts it, without a
    /// format), then records the control. Returns the control and its counts.
    @discardableResult
    static func make(practice: Practice, period: HalfYear, format: CBSControlReport.ExportFormat? = nil,
                     write: ((Data) async throws -> Void)? = nil,
                     in context: UseCaseContext) async throws -> (control: CBSDelivery, counts: CBSControlReport.Counts) {
        let counts = try await overview(practice: practice, period: period, format: format, write: write, on: context.db)
        let control = CBSDelivery()
        control.id = context.dependencies.ids.next("cbs_")
        control.practiceID = practice.id!
        control.year = period.year
        control.half = period.half
        control.kind = "control"
        control.madeBy = context.actor
        control.madeAt = context.now
        control.rows = counts.rows
        control.deliverableRows = counts.deliverable
        control.records = 0
        try await context.db.transaction { tx in
            try await control.create(on: tx)
            try await AuditChain.append(AuditEvent(
                actor: context.actor, practiceID: practice.id, action: .cbsControl, patientID: nil,
                detail: CBSControlReport.auditDetail(period, counts, format: format?.rawValue ?? "web"),
                address: context.address), on: tx)
        }
        return (control, counts)
    }

    /// Streams the overview in `format` through `write` and audits it as a view.
    @discardableResult
    static func view(practice: Practice, period: HalfYear, format: CBSControlReport.ExportFormat,
                     write: (Data) async throws -> Void, in context: UseCaseContext) async throws -> CBSControlReport.Counts {
        let counts = try await CBSControlReport.export(format, on: context.db, practice: practice, period: period, write)
        try await context.audit(.cbsControl, practice: practice.id,
                                detail: "view " + CBSControlReport.auditDetail(period, counts, format: format.rawValue))
        return counts
    }

    /// The page's rows (`each`), audited as a view.
    static func viewRows(practice: Practice, period: HalfYear, in context: UseCaseContext,
                         _ each: (CBSControlReport.Row) async throws -> Void) async throws -> CBSControlReport.Counts {
        let counts = try await CBSControlReport.forEachRow(on: context.db, practice: practice, period: period, each)
        try await context.audit(.cbsControl, practice: practice.id,
                                detail: "view " + CBSControlReport.auditDetail(period, counts, format: "web"))
        return counts
    }

    private static func overview(practice: Practice, period: HalfYear, format: CBSControlReport.ExportFormat?,
                                 write: ((Data) async throws -> Void)?, on db: any Database) async throws -> CBSControlReport.Counts {
        if let format, let write {
            return try await CBSControlReport.export(format, on: db, practice: practice, period: period, write)
        }
        return try await CBSControlReport.forEachRow(on: db, practice: practice, period: period) { _ in }
    }
}

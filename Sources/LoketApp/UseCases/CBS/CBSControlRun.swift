// Use cases: the CBS control overview (spec/cbs-jeugdhulp.md §6, docs/cbs.md "Controls").
// - `make`: a control made on purpose (the page's "Controle maken", `loket cbs control`,
//   POST /api/v1/cbs/control): under the period's lock, one transaction keeps every row of
//   the overview as it is now, lists the control among the deliveries with its counts, and
//   writes its audit entry. The CLI's file is written from the same rows as they are stored
//   (`writing`), not read back: reading 35,000 rows back and decoding their JSON was a third
//   of a control at bench-large. The page and the API read it back from the stored rows
//   (`export`), so the file, the page and a later "Details" are the same control.
// - `export` / `storedRows`: a control made earlier, read again (its page, its downloads).
// - `view` / `viewRows`: the overview as the data is now, without making a control (the
//   page before "Controle maken", GET of the API): audited as a view, nothing else written.

import Fluent
import Foundation
import LoketCore

enum CBSControlRun {
    typealias Failure = DeliveryRefused

    /// Where `make` also writes the control as it stores it: the format and the writer.
    /// The writer is called inside the transaction, so it must be undone by its caller when
    /// `make` throws (the CLI's OutputFile discards its partial file).
    struct Output: Sendable {
        var format: CBSControlReport.ExportFormat
        var write: @Sendable (Data) async throws -> Void
    }

    /// Makes and keeps a control, and writes it to `output` too. Returns it and its counts.
    @discardableResult
    static func make(practice: Practice, period: HalfYear, writing output: Output? = nil,
                     in context: UseCaseContext) async throws -> (control: CBSDelivery, counts: CBSControlReport.Counts) {
        try await DeliveryMetrics.measure(.cbsControl) {
            let key = CBSFinalDelivery.lockKey(practice: practice.id!, period: period)
            let control = CBSDelivery()
            control.id = context.dependencies.ids.next("cbs_")
            control.practiceID = practice.id!
            control.year = period.year
            control.half = period.half
            control.kind = "control"
            control.madeBy = context.actor
            control.madeAt = context.now
            control.rows = 0
            control.deliverableRows = 0
            control.records = 0
            let counts = try await DeliveryLock.shared.run(key) {
                try await LockedTransaction.run(key, on: context.db, now: context.now) { tx in
                    try await control.create(on: tx)
                    // The rows as they are stored, each handed on to `each`.
                    let stored: CBSControlReport.RowSource = { each in
                        var batch: [(position: Int, row: CBSControlReport.Row)] = []
                        var position = 0
                        let counts = try await CBSControlReport.forEachRow(on: tx, practice: practice, period: period) { row in
                            batch.append((position, row))
                            position += 1
                            if batch.count == CBSStoredControl.batch {
                                try await CBSStoredControl.insert(batch, control: control.id!, on: tx)
                                batch.removeAll(keepingCapacity: true)
                            }
                            try await each(row)
                        }
                        try await CBSStoredControl.insert(batch, control: control.id!, on: tx)
                        return counts
                    }
                    let counts = if let output {
                        try await CBSControlReport.export(output.format, practice: practice.id!, period: period,
                                                          rows: stored, output.write)
                    } else {
                        try await stored { _ in }
                    }
                    control.rows = counts.rows
                    control.deliverableRows = counts.deliverable
                    try await control.save(on: tx)
                    try await AuditChain.append(AuditEvent(
                        actor: context.actor, practiceID: practice.id, action: .cbsControl, patientID: nil,
                        detail: "\(control.id!) " + CBSControlReport.auditDetail(period, counts, format: "stored"),
                        address: context.address), on: tx)
                    return counts
                }
            }
            return (control, counts)
        }
    }

    /// A control of `practice` by its id, or a refusal.
    static func stored(_ id: String, practice: Practice, on db: any Database) async throws -> (CBSDelivery, HalfYear) {
        guard let control = try await CBSDelivery.find(id, on: db), control.practiceID == practice.id, control.kind == "control",
              let period = HalfYear(year: control.year, half: control.half) else {
            throw Failure(description: "geen controle \(id.prefix(40)) van deze praktijk")
        }
        return (control, period)
    }

    /// Writes a stored control in `format` through `write`. `audited`: a view of it (its page
    /// or a download later), not the output of the `make` that just recorded it.
    @discardableResult
    static func export(_ control: CBSDelivery, format: CBSControlReport.ExportFormat, audited: Bool,
                       write: (Data) async throws -> Void, in context: UseCaseContext) async throws -> CBSControlReport.Counts {
        let period = HalfYear(year: control.year, half: control.half) ?? HalfYear(containing: context.today)
        let counts = try await CBSControlReport.export(format, practice: control.practiceID, period: period,
                                                       rows: { try await CBSStoredControl.forEachRow(control: control.id!, on: context.db, $0) },
                                                       write)
        if audited {
            try await context.audit(.cbsControl, practice: control.practiceID,
                                    detail: "view \(control.id!) " + CBSControlReport.auditDetail(period, counts, format: format.rawValue))
        }
        return counts
    }

    /// The page's rows of a stored control (`each`), audited as a view.
    static func storedRows(_ control: CBSDelivery, in context: UseCaseContext,
                           _ each: (CBSControlReport.Row) async throws -> Void) async throws -> CBSControlReport.Counts {
        let counts = try await CBSStoredControl.forEachRow(control: control.id!, on: context.db, each)
        let period = HalfYear(year: control.year, half: control.half) ?? HalfYear(containing: context.today)
        try await context.audit(.cbsControl, practice: control.practiceID,
                                detail: "view \(control.id!) " + CBSControlReport.auditDetail(period, counts, format: "web"))
        return counts
    }

    /// Streams the overview as the data is now in `format` through `write`; audited as a view.
    @discardableResult
    static func view(practice: Practice, period: HalfYear, format: CBSControlReport.ExportFormat,
                     write: (Data) async throws -> Void, in context: UseCaseContext) async throws -> CBSControlReport.Counts {
        let counts = try await CBSControlReport.export(format, on: context.db, practice: practice, period: period, write)
        try await context.audit(.cbsControl, practice: practice.id,
                                detail: "view " + CBSControlReport.auditDetail(period, counts, format: format.rawValue))
        return counts
    }

    /// The page's rows as the data is now (`each`), audited as a view.
    static func viewRows(practice: Practice, period: HalfYear, in context: UseCaseContext,
                         _ each: (CBSControlReport.Row) async throws -> Void) async throws -> CBSControlReport.Counts {
        let counts = try await CBSControlReport.forEachRow(on: context.db, practice: practice, period: period, each)
        try await context.audit(.cbsControl, practice: practice.id,
                                detail: "view " + CBSControlReport.auditDetail(period, counts, format: "web"))
        return counts
    }
}

// Use case: the definitive CBS delivery (spec/cbs-jeugdhulp.md §1, §7). Only for a period
// that has ended and that CBS still processes, never without records (CBS.finalRefusal).
// Under the lock of its practice and period, one transaction records the delivery with its
// file (from the deliverable rows only, merged per BSN and hulpvorm, §5), marks the
// period's current delivery as replaced by it (herlevering), keeps every included episode
// in its history (cbs_delivery_episodes), writes the audit entry and, with an output path, the outbox entry;
// after the commit the outbox writes the file. A failure or a killed process before the
// commit leaves nothing; after it, the file is written on the next run (Outbox.finish).

import Crypto
import Fluent
import Foundation
import LoketCore
import SQLKit

enum CBSFinalDelivery {
    typealias Failure = DeliveryRefused
    typealias FileNotWritten = DeliveryFileNotWritten<CBSDelivery>

    static func lockKey(practice: String, period: HalfYear) -> String { "cbs:\(practice):\(period.year)-\(period.half)" }

    /// Makes the definitive delivery in `format`, with the layout of the period's year.
    /// `output`: also write the file there (the CLI's --output); without it the file is
    /// downloaded from the page or the API.
    static func make(practice: Practice, period: HalfYear, format: CBSFileFormat = .ascii, output: String? = nil,
                     in context: UseCaseContext) async throws -> CBSDelivery {
        try await DeliveryMetrics.measure(.cbsFinal) {
            let number = try correspondenceNumber(practice)
            if let refusal = CBS.finalRefusal(period: period, today: context.today) { throw Failure(description: refusal.message) }
            let path = try output.map { try DeliveryOutput.resolve($0, files: context.dependencies.files) }
            try await Outbox.finish(dependencies: context.dependencies, on: context.db, logger: context.logger)

            let header = CBS.Header(correspondenceNumber: number, email: practice.cbsEmail ?? "", phone: practice.cbsPhone ?? "",
                                    mirrorReportConsent: practice.cbsMirrorReportConsent.map { $0 == "ja" }, period: period)
            let practiceID = practice.id!
            let key = lockKey(practice: practiceID, period: period)
            let id = context.dependencies.ids.next("cbs_")
            return try await DeliveryLock.shared.run(key) {
                let d = try await LockedTransaction.run(key, on: context.db, now: context.now) { tx in
                    let (rows, included, merged) = try await selection(practice: practiceID, period: period, on: tx)
                    if let refusal = CBS.finalRefusal(records: merged.count) { throw Failure(description: refusal.message) }
                    let layout = CBSLayout.forYear(period.year)
                    let file: Data
                    var fixedFile: Data?
                    do {
                        file = try format.file(header: header, records: merged, layout: layout)
                        // A spreadsheet keeps its records in the fixed format too: a later
                        // herlevering is compared with them (CBSDeliveryChanges).
                        if format != .ascii { fixedFile = try CBSFileFormat.ascii.file(header: header, records: merged, layout: layout) }
                    } catch let problem as CBSASCIIWriter.Problem {
                        throw Failure(description: "het bestand kon niet worden gemaakt: \(problem.message)")
                    }
                    let replaced = try await CBSDeliveryHistory.current(practice: practiceID, period: period, on: tx)
                    let d = CBSDelivery()
                    d.id = id
                    d.practiceID = practiceID
                    d.year = period.year
                    d.half = period.half
                    d.kind = "final"
                    d.madeBy = context.actor
                    d.madeAt = context.now
                    d.rows = rows
                    d.deliverableRows = included.count
                    d.records = merged.count
                    d.format = format.rawValue
                    d.fileName = "CBS_jeugd_\(number.value)_\(period.year)_JH\(period.half).\(format.fileExtension)"
                    d.file = file
                    d.fileSHA256 = SHA256.hash(data: file).hex
                    d.layout = layout.version
                    d.fixedFile = fixedFile
                    try await d.create(on: tx)
                    if let replaced {
                        replaced.replacedBy = id
                        try await replaced.save(on: tx)
                    }
                    try await CBSDeliveryHistory.record(episodes: included, delivery: id, on: tx)
                    if let path {
                        try await Outbox.record(delivery: id, registry: .cbs, lockKey: key, path: path, sha256: d.fileSHA256!,
                                                size: file.count, madeAt: d.madeAt, on: tx)
                    }
                    try await AuditChain.append(AuditEvent(
                        actor: context.actor, practiceID: practiceID, action: .cbsFinal, patientID: nil,
                        detail: "\(id) \(period): \(included.count) of \(rows) rows, \(merged.count) records"
                            + (replaced.map { ", replaces \($0.id!)" } ?? "") + (path == nil ? "" : ", file \(path!)"),
                        address: context.address), on: tx)
                    return d
                }
                if let path {
                    do {
                        try await Outbox.write(id, dependencies: context.dependencies, on: context.db)
                    } catch {
                        throw FileNotWritten(delivery: d, id: id, path: path, reason: "\(error)")
                    }
                }
                return d
            }
        }
    }

    /// What the confirmation page shows before a definitive delivery is made.
    struct Preview: Sendable {
        var rows: Int
        var deliverable: Int
        /// Records in the file, after merging.
        var records: Int
        var layout: String
        /// The current definitive delivery of the period, which this one would replace.
        var replaces: CBSDelivery?
        /// Why it cannot be made; nil when it can.
        var refusal: String?
    }

    /// The delivery as it would be made now, without making it (read only; audited as a view).
    static func preview(practice: Practice, period: HalfYear, in context: UseCaseContext) async throws -> Preview {
        var refusal: String?
        do { _ = try correspondenceNumber(practice) } catch let failure as Failure { refusal = failure.description }
        let (rows, included, merged) = try await selection(practice: practice.id!, period: period, on: context.db)
        refusal = refusal ?? CBS.finalRefusal(period: period, today: context.today)?.message
            ?? CBS.finalRefusal(records: merged.count)?.message
        let replaces = try await CBSDeliveryHistory.current(practice: practice.id!, period: period, on: context.db)
        try await context.audit(.cbsControl, practice: practice.id,
                                detail: "preview \(period): \(rows) rows, \(included.count) deliverable, \(merged.count) records")
        return Preview(rows: rows, deliverable: included.count, records: merged.count,
                       layout: CBSLayout.forYear(period.year).version, replaces: replaces, refusal: refusal)
    }

    private static func correspondenceNumber(_ practice: Practice) throws -> CBSCorrespondenceNumber {
        guard let number = practice.cbsCorrespondenceNumber.flatMap(CBSCorrespondenceNumber.init) else {
            throw Failure(description: "de praktijk heeft geen CBS-correspondentienummer: vul het in bij Instellingen → Aanleveringen")
        }
        return number
    }

    /// The period's rows, the episodes whose row is deliverable, and the records after merging.
    private static func selection(practice: String, period: HalfYear,
                                  on db: any Database) async throws -> (rows: Int, included: [String], merged: [CBS.Record]) {
        var records: [CBS.Record] = []
        var included: [String] = []
        var rows = 0
        try await CBSEpisodeQuery.forEach(on: db, practice: practice, period: period.range) { episode in
            rows += 1
            let row = CBS.control(episode, period: period.range)
            if let record = row.record {
                records.append(record)
                included.append(row.episodeId)
            }
        }
        return (rows, included, CBS.merge(records))
    }
}

// Use case: the definitive CBS delivery (spec/cbs-jeugdhulp.md §7). Under the lock of its
// practice and period, one transaction records the delivery with its file (from the
// deliverable rows only, merged per BSN and hulpvorm, §5), stamps every included episode,
// writes the audit entry and, with an output path, the outbox entry; after the commit the
// outbox writes the file. A failure or a killed process before the commit leaves nothing;
// after it, the file is written on the next run (Outbox.finish).

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
        guard let number = practice.cbsCorrespondenceNumber.flatMap(CBSCorrespondenceNumber.init) else {
            throw Failure(description: "de praktijk heeft geen CBS-correspondentienummer: vul het in bij Instellingen → Aanleveringen")
        }
        let path = try output.map { try DeliveryOutput.resolve($0, files: context.dependencies.files) }
        try await Outbox.finish(dependencies: context.dependencies, on: context.db, logger: context.logger)

        let header = CBS.Header(correspondenceNumber: number, email: practice.cbsEmail ?? "", phone: practice.cbsPhone ?? "",
                                mirrorReportConsent: practice.cbsMirrorReportConsent.map { $0 == "ja" }, period: period)
        let practiceID = practice.id!
        let key = lockKey(practice: practiceID, period: period)
        let id = context.dependencies.ids.next("cbs_")
        return try await DeliveryLock.shared.run(key) {
            let d = try await LockedTransaction.run(key, on: context.db, now: context.now) { tx in
                var records: [CBS.Record] = []
                var included: [String] = []
                var rows = 0
                try await CBSEpisodeQuery.forEach(on: tx, practice: practiceID, period: period.range) { episode in
                    rows += 1
                    let row = CBS.control(episode, period: period.range)
                    if let record = row.record {
                        records.append(record)
                        included.append(row.episodeId)
                    }
                }
                let merged = CBS.merge(records)
                let file: Data
                do {
                    file = try format.file(header: header, records: merged, layout: .forYear(period.year))
                } catch let problem as CBSASCIIWriter.Problem {
                    throw Failure(description: "het bestand kon niet worden gemaakt: \(problem.message)")
                }
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
                try await d.create(on: tx)
                try await CBSEpisodeStamps.stamp(included, delivery: id, at: d.madeAt, on: tx)
                if let path {
                    try await Outbox.record(delivery: id, registry: .cbs, lockKey: key, path: path, sha256: d.fileSHA256!,
                                            size: file.count, madeAt: d.madeAt, on: tx)
                }
                try await AuditChain.append(AuditEvent(
                    actor: context.actor, practiceID: practiceID, action: .cbsFinal, patientID: nil,
                    detail: "\(id) \(period): \(included.count) of \(rows) rows, \(merged.count) records"
                        + (path == nil ? "" : ", file \(path!)"),
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

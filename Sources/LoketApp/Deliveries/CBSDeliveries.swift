// Making CBS deliveries: recording a control, and the definitive file (spec/cbs-jeugdhulp.md
// §7) in one transaction — the delivery row, the file from the deliverable rows only (merged
// per BSN and hulpvorm, §5), and the stamp on every included episode. A failure anywhere, or
// a killed process, leaves no delivery and no stamped episode.

import Fluent
import Foundation
import LoketCore
import SQLKit
import Vapor

enum CBSDeliveries {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Records that a control was made (the deliveries list shows controls too).
    @discardableResult
    static func recordControl(practice: String, period: HalfYear, counts: CBSControlReport.Counts, actor: String,
                              on db: any Database) async throws -> CBSDelivery {
        let d = delivery(practice: practice, period: period, kind: "control", actor: actor,
                         rows: counts.rows, deliverable: counts.deliverable)
        try await d.create(on: db)
        return d
    }

    /// Makes the definitive delivery with its file in `format`, from the layout of the
    /// period's year (5.4).
    static func makeFinal(practice: Practice, period: HalfYear, format: CBSFileFormat = .ascii, actor: String,
                          address: String?, on db: any Database) async throws -> CBSDelivery {
        guard let number = practice.cbsCorrespondenceNumber.flatMap(CBSCorrespondenceNumber.init) else {
            throw Failure(description: "de praktijk heeft geen CBS-correspondentienummer: vul het in bij Instellingen → Aanleveringen")
        }
        let header = CBS.Header(correspondenceNumber: number, email: practice.cbsEmail ?? "", phone: practice.cbsPhone ?? "",
                                mirrorReportConsent: practice.cbsMirrorReportConsent.map { $0 == "ja" }, period: period)
        return try await DeliveryLock.shared.run("cbs:\(practice.id!):\(period)") {
            try await db.transaction { tx in
                // The practice row, locked for update: a second instance making the same
                // practice's delivery waits here (SQLite ignores the clause; see DeliveryLock).
                _ = try await (tx as! any SQLDatabase).select().column("id").from("practices")
                    .where("id", .equal, SQLBind(practice.id!)).for(.update).all()
                var records: [CBS.Record] = []
                var included: [String] = []
                var rows = 0
                try await CBSEpisodeQuery.forEach(on: tx, practice: practice.id!, period: period.range) { episode in
                    rows += 1
                    let row = CBS.control(episode, period: period.range)
                    if let record = row.record {
                        records.append(record)
                        included.append(row.episodeId)
                    }
                }
                // The delivery and the stamps first, the file last: whatever fails after the
                // first write is undone with it, which the tests rely on to prove it.
                let d = delivery(practice: practice.id!, period: period, kind: "final", actor: actor,
                                 rows: rows, deliverable: included.count)
                try await d.create(on: tx)
                let sql = tx as! any SQLDatabase
                for start in stride(from: 0, to: included.count, by: 1000) {
                    let chunk = Array(included[start..<min(start + 1000, included.count)])
                    try await sql.update("episodes").set("cbs_delivery_id", to: SQLBind(d.id!))
                        .set("cbs_delivered_at", to: SQLBind(d.madeAt))
                        .where("id", .in, SQLBind.group(chunk)).run()
                }
                let merged = CBS.merge(records)
                do {
                    d.file = try format.file(header: header, records: merged, layout: .forYear(period.year))
                } catch let problem as CBSASCIIWriter.Problem {
                    throw Failure(description: "het bestand kon niet worden gemaakt: \(problem.message)")
                }
                d.records = merged.count
                d.format = format.rawValue
                d.fileName = "CBS_jeugd_\(number.value)_\(period.year)_JH\(period.half).\(format.fileExtension)"
                try await d.save(on: tx)
                try await AuditChain.append(AuditEvent(
                    actor: actor, practiceID: practice.id, action: .cbsFinal, patientID: nil,
                    detail: "\(d.id!) \(period): \(included.count) of \(rows) rows, \(merged.count) records",
                    address: address), on: tx)
                return d
            }
        }
    }

    private static func delivery(practice: String, period: HalfYear, kind: String, actor: String,
                                 rows: Int, deliverable: Int) -> CBSDelivery {
        let d = CBSDelivery()
        d.id = "cbs_" + randomHex(bytes: 8)
        d.practiceID = practice
        d.year = period.year
        d.half = period.half
        d.kind = kind
        d.madeBy = actor
        d.madeAt = Date()
        d.rows = rows
        d.deliverableRows = deliverable
        d.records = 0
        return d
    }
}

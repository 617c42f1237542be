// Making an LDO delivery (spec/ldo.md §2 step 3): one ordered query streams the candidate
// episodes, the rules judge each, and each included record goes straight into the file and
// into "Aangeleverde gegevens" — memory does not grow with the practice. All of it is one
// transaction with the delivery row; the file is written under a temporary name and renamed
// into the PVM folder as the last step before commit, so PVM never reads half a file and a
// failure leaves neither a delivery nor a file.

import Fluent
import Foundation
import LoketCore
import SQLKit

enum LDODeliveries {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Rows of "Aangeleverde gegevens" written per statement.
    static let insertBatch = 500

    /// Makes the delivery of `deliveryDate`'s window into the practice's PVM folder, or into
    /// `outputPath` when given (the CLI's --output).
    static func make(practice: Practice, deliveryDate: LocalDate, outputPath: String? = nil, actor: String,
                     address: String?, on db: any Database) async throws -> LDODelivery {
        let rules = LDOEpisodeQuery.practice(practice)
        if let blocker = LDO.deliveryBlocker(for: rules) { throw Failure(description: blocker.message) }
        let window = LDO.window(deliveryDate: deliveryDate)
        let id = "ldo_" + randomHex(bytes: 8)
        let (folder, fileName) = try destination(practice: practice, window: window, id: id, outputPath: outputPath)
        let path = (folder as NSString).appendingPathComponent(fileName)

        return try await DeliveryLock.shared.run("ldo:\(practice.id!)") {
            do {
                return try await db.transaction { tx in
                    // A second instance delivering for the same practice waits here (PostgreSQL).
                    _ = try await (tx as! any SQLDatabase).select().column("id").from("practices")
                        .where("id", .equal, SQLBind(practice.id!)).for(.update).all()
                    let d = LDODelivery()
                    d.id = id
                    d.practiceID = practice.id!
                    d.deliveryDate = deliveryDate.iso
                    d.windowStart = window.start.iso
                    d.windowEnd = window.end.iso
                    d.madeBy = actor
                    d.madeAt = Date()
                    d.included = 0
                    d.excludedWithFindings = 0
                    d.excludedForConsent = 0
                    d.filePath = folder
                    d.fileName = fileName
                    d.status = LDODelivery.Status.placed.rawValue
                    try await d.create(on: tx)

                    let out = try OutputFile(path: path)
                    do {
                        var writer = LDOXMLWriter(layout: .v1)
                        try out.write(writer.begin(header: .init(practice: rules, window: window, createdAt: d.madeAt)))
                        var selection = LDO.Selection()
                        var batch: [(episode: String, record: String)] = []
                        try await LDOEpisodeQuery.forEach(on: tx, practice: practice, window: window) { episode in
                            guard case .included(let record) = selection.add(episode, practice: rules, window: window) else { return }
                            let xml = writer.record(record)
                            try out.write(xml)
                            batch.append((episode.id, xml))
                            if batch.count == insertBatch {
                                try await insert(batch, delivery: id, on: tx)
                                batch.removeAll(keepingCapacity: true)
                            }
                        }
                        try await insert(batch, delivery: id, on: tx)
                        try out.write(writer.end(excludedForConsent: selection.excludedForConsent))
                        d.included = selection.includedIds.count
                        d.excludedWithFindings = selection.excluded.count
                        d.excludedForConsent = selection.excludedForConsent
                        try await d.save(on: tx)
                        try await AuditChain.append(AuditEvent(
                            actor: actor, practiceID: practice.id, action: .ldoDeliver, patientID: nil,
                            detail: "\(id) window \(window.start.iso)…\(window.end.iso): \(d.included) episodes, "
                                + "\(d.excludedWithFindings) with findings, \(d.excludedForConsent) without consent",
                            address: address), on: tx)
                        // Last: the file appears under its name only now.
                        try out.commit()
                    } catch {
                        out.discard()
                        throw error
                    }
                    return d
                }
            } catch {
                // The commit itself failed after the rename: take the file back out. (Before the
                // rename the file exists only as .partial, which `discard` removed.) Only a
                // regular file: --output /dev/null stays the device.
                if (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeRegular {
                    try? FileManager.default.removeItem(atPath: path)
                }
                throw error
            }
        }
    }

    /// The folder and file name of a delivery. The name carries the practice, the window and
    /// the delivery id, so a processing report naming the file leads back to the delivery.
    static func destination(practice: Practice, window: DateRange, id: String, outputPath: String?) throws -> (String, String) {
        if let outputPath {
            let url = URL(fileURLWithPath: outputPath)
            return (url.deletingLastPathComponent().path, url.lastPathComponent)
        }
        guard let folder = practice.ldoPVMFolder, !folder.isEmpty else {
            throw Failure(description: LDOMessages.noFolder)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: LDOMessages.folderMissing(folder))
        }
        let months = "\(window.start.iso.prefix(7).replacingOccurrences(of: "-", with: ""))-\(window.end.iso.prefix(7).replacingOccurrences(of: "-", with: ""))"
        return (folder, "LDO_\(fileNamePart(practice.id!))_\(months)_\(id).xml")
    }

    private static func insert(_ rows: [(episode: String, record: String)], delivery: String, on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        var insert = (db as! any SQLDatabase).insert(into: "ldo_delivery_episodes").columns("delivery_id", "episode_id", "record")
        for r in rows { insert = insert.values(SQLBind(delivery), SQLBind(r.episode), SQLBind(r.record)) }
        try await insert.run()
    }
}

/// The Dutch texts of LDO deliveries that the web, the CLI and the API share.
enum LDOMessages {
    static let noFolder = "de praktijk heeft geen PVM-map: vul bij Instellingen → Aanleveringen de map in waaruit PVM de aanleveringen leest"
    static func folderMissing(_ folder: String) -> String { "de PVM-map \(folder) bestaat niet op de server (of is geen map)" }
}

// Use case: the monthly LDO delivery (spec/ldo.md §2 step 3). One ordered query streams
// the candidate episodes, the rules judge each, and each included record goes into
// "Aangeleverde gegevens" as it is made; memory does not grow with the practice. Under the
// practice's lock, one transaction records the delivery, its records, the file's head and
// tail and SHA-256, the outbox entry and the audit entry. After the commit the outbox
// writes the file into the PVM folder (or --output) from those stored bytes: PVM never
// sees a file whose delivery Loket does not know, nor half a file.

import Crypto
import Fluent
import Foundation
import LoketCore
import SQLKit

enum LDOMonthlyDelivery {
    typealias Failure = DeliveryRefused
    typealias FileNotWritten = DeliveryFileNotWritten<LDODelivery>

    /// Rows of "Aangeleverde gegevens" written per statement.
    static let insertBatch = 500

    static func lockKey(practice: String) -> String { "ldo:\(practice)" }

    /// Automatic delivery found this window delivered already (`unlessDelivered`).
    struct AlreadyDelivered: Error {
        let delivery: String
    }

    /// Makes the delivery of `deliveryDate`'s window into the practice's PVM folder, or into
    /// `output` when given (the CLI's --output). `unlessDelivered` (automatic delivery):
    /// throw `AlreadyDelivered` instead when a delivery of this window that PVM did not
    /// reject exists; asked under the practice's lock, so two instances make one.
    static func make(practice: Practice, deliveryDate: LocalDate, output: String? = nil, unlessDelivered: Bool = false,
                     in context: UseCaseContext) async throws -> LDODelivery {
        try await DeliveryMetrics.measure(.ldoMonthly) {
            let rules = LDOEpisodeQuery.practice(practice)
            if let blocker = LDO.deliveryBlocker(for: rules) { throw Failure(description: blocker.message) }
            guard deliveryDate.isSupported else { throw Failure(description: LDOMessages.dateOutOfRange) }
            let window = LDO.window(deliveryDate: deliveryDate)
            let id = context.dependencies.ids.next("ldo_")
            let path = try destination(practice: practice, window: window, id: id, output: output, files: context.dependencies.files,
                                       pvmRoot: context.dependencies.pvmRoot)
            try await Outbox.finish(dependencies: context.dependencies, on: context.db, logger: context.logger)

            let practiceID = practice.id!
            let key = lockKey(practice: practiceID)
            return try await DeliveryLock.shared.run(key) {
                let d = try await LockedTransaction.run(key, on: context.db, now: context.now) { tx in
                    if unlessDelivered, let made = try await DashboardQuery.thisMonthsLDO(practice: practiceID, window: window, on: tx) {
                        throw AlreadyDelivered(delivery: made.id)
                    }
                    let d = LDODelivery()
                    d.id = id
                    d.practiceID = practiceID
                    d.deliveryDate = deliveryDate.iso
                    d.windowStart = window.start.iso
                    d.windowEnd = window.end.iso
                    d.madeBy = context.actor
                    d.madeAt = context.now
                    d.included = 0
                    d.excludedWithFindings = 0
                    d.excludedForConsent = 0
                    d.filePath = (path as NSString).deletingLastPathComponent
                    d.fileName = (path as NSString).lastPathComponent
                    d.status = LDODelivery.Status.placed.rawValue
                    try await d.create(on: tx)

                    var hash = SHA256()
                    var size = 0
                    func add(_ text: String) {
                        hash.update(data: Array(text.utf8))
                        size += text.utf8.count
                    }
                    var writer = LDOXMLWriter(layout: .current)
                    let head = writer.begin(header: .init(practice: rules, window: window, createdAt: d.madeAt))
                    add(head)
                    var selection = LDO.Selection()
                    var batch: [(episode: String, record: String)] = []
                    try await LDOEpisodeQuery.forEach(on: tx, practice: practice, window: window) { episode in
                        guard case .included(let record) = selection.add(episode, practice: rules, window: window) else { return }
                        let xml = writer.record(record)
                        add(xml)
                        batch.append((episode.id, xml))
                        if batch.count == insertBatch {
                            try await LDODeliveryRecords.insert(batch, delivery: id, on: tx)
                            batch.removeAll(keepingCapacity: true)
                        }
                    }
                    try await LDODeliveryRecords.insert(batch, delivery: id, on: tx)
                    let tail = writer.end(excludedForConsent: selection.excludedForConsent)
                    add(tail)
                    d.included = selection.includedIds.count
                    d.excludedWithFindings = selection.excluded.count
                    d.excludedForConsent = selection.excludedForConsent
                    d.fileHead = head
                    d.fileTail = tail
                    d.fileSHA256 = hash.finalize().hex
                    try await d.save(on: tx)
                    try await Outbox.record(delivery: id, registry: .ldo, lockKey: key, path: path, sha256: d.fileSHA256!,
                                            size: size, madeAt: d.madeAt, on: tx)
                    try await AuditChain.append(AuditEvent(
                        actor: context.actor, practiceID: practiceID, action: .ldoDeliver, patientID: nil,
                        detail: "\(id) window \(window.start.iso)…\(window.end.iso): \(d.included) episodes, "
                            + "\(d.excludedWithFindings) with findings, \(d.excludedForConsent) without consent",
                        address: context.address), on: tx)
                    return d
                }
                do {
                    try await Outbox.write(id, dependencies: context.dependencies, on: context.db)
                } catch {
                    throw FileNotWritten(delivery: d, id: id, path: path, reason: "\(error)")
                }
                return d
            }
        }
    }

    /// The absolute path of a delivery's file. The name carries the practice, the window
    /// and the delivery id, so a processing report naming the file leads back to the delivery.
    /// The PVM folder is checked against the PVM root again here (PVMRoot): a folder stored
    /// before the root was set, or a symlink changed since, is refused before anything is made.
    static func destination(practice: Practice, window: DateRange, id: String, output: String?,
                            files: any FileSystem, pvmRoot: PVMRoot) throws -> String {
        if let output { return try DeliveryOutput.resolve(output, files: files) }
        guard let folder = practice.ldoPVMFolder, !folder.isEmpty else { throw Failure(description: LDOMessages.noFolder) }
        let real: String
        switch pvmRoot.check(folder, files: files) {
        case .success(let path): real = path
        case .failure(.missing): throw Failure(description: LDOMessages.folderMissing(folder))
        case .failure(.notWritable): throw Failure(description: LDOMessages.folderNotWritable(folder))
        case .failure(let problem): throw Failure(description: LDOMessages.folderRefused(folder, problem))
        }
        let months = "\(window.start.iso.prefix(7).replacingOccurrences(of: "-", with: ""))-\(window.end.iso.prefix(7).replacingOccurrences(of: "-", with: ""))"
        return (real as NSString).appendingPathComponent("LDO_\(fileNamePart(practice.id!))_\(months)_\(id).xml")
    }
}

/// The Dutch texts of LDO deliveries that the web, the CLI and the API share.
enum LDOMessages {
    static let noFolder = "de praktijk heeft geen PVM-map: vul bij Instellingen → Aanleveringen de map in waaruit PVM de aanleveringen leest"
    static func folderMissing(_ folder: String) -> String { "de PVM-map \(folder) bestaat niet op de server (of is geen map)" }
    static func folderNotWritable(_ folder: String) -> String { "Loket mag niet schrijven in de PVM-map \(folder)" }
    static func folderRefused(_ folder: String, _ problem: PVMRoot.Problem) -> String {
        "de PVM-map \(folder) wordt niet gebruikt: \(problem.message)"
    }
    static let dateOutOfRange = "de aanleverdatum ligt buiten \(LocalDate.supportedYears.lowerBound)–\(LocalDate.supportedYears.upperBound)"
}

// Use case (read only): what a definitive delivery changes against the definitive delivery
// before it for the same period — records added, removed (CBS deletes them on a
// herlevering, spec/cbs-jeugdhulp.md §1) and changed (CBS.changes). Both files are read back
// in the fixed format (the file itself, or a spreadsheet's kept copy, migration 010).
// Reading it is an audit entry: it shows what was sent about patients.

import Fluent
import Foundation
import LoketCore

enum CBSFinalChanges {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Result: Sendable {
        var delivery: CBSDelivery
        /// The delivery compared with; nil for the first definitive delivery of its period.
        var previous: CBSDelivery?
        /// Against `previous`; with no previous, every record is added.
        var changes: CBS.RecordChanges
    }

    static func view(_ id: String, practice: String, in context: UseCaseContext) async throws -> Result {
        guard let d = try await CBSDelivery.find(id, on: context.db), d.practiceID == practice, d.isFinal else {
            throw LoketError.notFound("Definitieve aanlevering niet gevonden.")
        }
        let previous = try await self.previous(of: d, on: context.db)
        let changes = CBS.changes(from: try previous.map(records) ?? [], to: try records(d))
        try await context.audit(.cbsView, practice: practice,
                                detail: "\(id) changes" + (previous.map { " against \($0.id!)" } ?? ""))
        return Result(delivery: d, previous: previous, changes: changes)
    }

    /// The definitive delivery before `d` for its period: the one it replaced, else the last
    /// one made before it.
    static func previous(of d: CBSDelivery, on db: any Database) async throws -> CBSDelivery? {
        if let replaced = try await CBSDelivery.query(on: db).filter(\.$replacedBy == d.id!).first() { return replaced }
        return try await CBSDelivery.query(on: db).filter(\.$practiceID == d.practiceID).filter(\.$year == d.year)
            .filter(\.$half == d.half).filter(\.$kind == "final").filter(\.$madeAt < d.madeAt)
            .sort(\.$madeAt, .descending).first()
    }

    private static func records(_ d: CBSDelivery) throws -> [CBS.FileRecord] {
        guard let file = d.fixedFormat else {
            throw Failure(description: "aanlevering \(d.id!) is als spreadsheet gemaakt vóór Loket de records apart bewaarde en kan niet worden vergeleken")
        }
        let layout = d.layout.flatMap(CBSLayout.version) ?? CBSLayout.forYear(d.year)
        do {
            return try CBSASCIIReader(layout: layout).records(in: file)
        } catch {
            throw Failure(description: "het bestand van aanlevering \(d.id!) is niet te lezen: \(error)")
        }
    }
}

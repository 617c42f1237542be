// The checks of an import's treatments and measurements, a chunk at a time (issue 16):
// the references (ExchangeReferenceIndex, with the stored episodes and employees the chunk
// names), records that would move to another practice, and, for a token of one practice,
// that each belongs to an episode of that practice. The errors are kept per kind, so the
// whole list comes out in the order of an import that held its document: references,
// moved records, scope.

import LoketCore
import SQLKit

struct ImportBulkCheck: Sendable {
    typealias Section = ExchangeStreamWriter.Section
    var index: ExchangeReferenceIndex
    let scope: Set<String>?
    /// Records of the chunks that existed already and are updated.
    var existing = 0
    /// Per kind and section, so that the treatments' come before the measurements' whatever
    /// the document's order.
    private var errors: [Kind: [Section: [ExchangeError]]] = [:]
    private enum Kind { case reference, moved, scope }

    var referenceErrors: [ExchangeError] { list(.reference) }
    var movedErrors: [ExchangeError] { list(.moved) }
    var scopeErrors: [ExchangeError] { list(.scope) }
    private func list(_ kind: Kind) -> [ExchangeError] { (errors[kind]?[.treatments] ?? []) + (errors[kind]?[.measurements] ?? []) }

    private mutating func add(_ kind: Kind, _ section: Section, _ found: [ExchangeError]) {
        guard !found.isEmpty else { return }
        errors[kind, default: [:]][section, default: []] += found
    }

    init(index: ExchangeReferenceIndex, scope: Set<String>?) {
        self.index = index
        self.scope = scope
    }

    var isClean: Bool { errors.isEmpty }

    mutating func check(_ chunk: ExchangeBulkReader.Chunk, on sql: any SQLDatabase) async throws {
        switch chunk {
        case .treatments(let first, let treatments):
            try await learn(treatments, [], on: sql)
            add(.reference, .treatments, index.errors(treatments, first: first))
            let owners = try await ExchangeStoredLookup.treatmentOwners(treatments.map(\.id), on: sql)
            check(.treatments, first, treatments.map { ($0.id, $0.episodeId) }, owners)
        case .measurements(let first, let measurements):
            try await learn([], measurements, on: sql)
            add(.reference, .measurements, index.errors(measurements, first: first))
            let owners = try await ExchangeStoredLookup.measurementOwners(measurements.map(\.id), on: sql)
            check(.measurements, first, measurements.map { ($0.id, $0.episodeId) }, owners)
        }
    }

    /// Looks up the stored episodes and employees the chunk names and the index lacks.
    private mutating func learn(_ treatments: [ExchangeDocument.Treatment], _ measurements: [ExchangeDocument.Measurement],
                                on sql: any SQLDatabase) async throws {
        let unknown = index.unknown(treatments, measurements)
        guard !unknown.episodes.isEmpty || !unknown.employees.isEmpty else { return }
        index.add(storedEmployees: try await ExchangeStoredLookup.employeeOwners(Array(unknown.employees), on: sql),
                  storedEpisodes: try await ExchangeStoredLookup.episodeOwners(Array(unknown.episodes), on: sql))
    }

    /// `records`: each record's id and episode; `stored`: the practice of those stored.
    private mutating func check(_ section: Section, _ first: Int, _ records: [(id: String, episode: String)], _ stored: [String: String]) {
        existing += stored.count
        var moved: [ExchangeError] = [], outside: [ExchangeError] = []
        defer {
            add(.moved, section, moved)
            add(.scope, section, outside)
        }
        for (n, record) in records.enumerated() {
            guard let practice = index.episodes[record.episode] else { continue }
            if let storedPractice = stored[record.id], storedPractice != practice {
                moved.append(ExchangeError(path: "\(section.rawValue)[\(first + n)].episodeId",
                    message: "\"\(record.id)\" is stored under practice \"\(storedPractice)\"; records cannot move to another practice"))
            }
            if let scope, !scope.contains(practice) {
                outside.append(ExchangeError(path: "\(section.rawValue)[\(first + n)].episodeId",
                    message: "episode \"\(record.episode)\" belongs to practice \"\(practice)\", outside this token's practice"))
            }
        }
    }
}

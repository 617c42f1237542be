// The CBS control overview (controle, spec/cbs-jeugdhulp.md §6) of one practice and half
// year: the selected episodes judged by `CBS.control`, in patient order. The CLI, the JSON
// API and the web page all show this one report, so they cannot disagree.

import Fluent
import Foundation
import LoketCore

enum CBSControlReport {
    struct Report: Codable, Sendable, Equatable {
        var practice: String
        var period: Period
        var counts: Counts
        var rows: [Row]

        var halfYear: HalfYear { HalfYear(year: period.year, half: period.half)! }
    }

    struct Period: Codable, Sendable, Equatable {
        var year: Int
        var half: Int
        /// ISO dates (2026-01-01), as the exchange format writes dates.
        var start: String
        var end: String
    }

    struct Counts: Codable, Sendable, Equatable {
        var rows: Int
        var deliverable: Int
    }

    struct Row: Codable, Sendable, Equatable {
        /// The exchange-format episode id.
        var episodeId: String
        var patientNumber: String
        var patientName: String
        var deliverable: Bool
        var cells: Cells
        var findings: [Finding]

        init(_ row: CBS.ControlRow) {
            episodeId = row.episodeId
            patientNumber = row.patientNumber
            patientName = row.patientName
            deliverable = row.deliverable
            cells = Cells(Dictionary(uniqueKeysWithValues: row.cells.map { ($0.field, $0.display) }))
            findings = row.findings
        }

        /// The finding of a field, if it keeps the row out of the file.
        func finding(_ field: CBS.Field) -> Finding? { findings.first { $0.field == field.rawValue } }
    }

    /// Each field's display text ("20120304", "Ontbreekt", "Niet noodzakelijk", a reason),
    /// keyed by the field's JSON name (`CBS.Field.rawValue`), every field always present.
    struct Cells: Codable, Sendable, Equatable {
        private var values: [CBS.Field: String]

        init(_ values: [CBS.Field: String]) { self.values = values }

        subscript(field: CBS.Field) -> String { values[field] ?? "" }

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            for field in CBS.Field.allCases { try c.encode(self[field], forKey: Key(stringValue: field.rawValue)) }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            var values: [CBS.Field: String] = [:]
            for field in CBS.Field.allCases {
                values[field] = try c.decodeIfPresent(String.self, forKey: Key(stringValue: field.rawValue))
            }
            self.values = values
        }
    }

    /// The overview of `practice` for `period`. Works for a practice without CBS settings
    /// too: the correspondentienummer is needed for the file, not for a control.
    static func run(on db: any Database, practice: Practice, period: HalfYear) async throws -> Report {
        let range = period.range
        var rows: [Row] = []
        try await CBSEpisodeQuery.forEach(on: db, practice: practice.id!, period: range) { episode in
            rows.append(Row(CBS.control(episode, period: range)))
        }
        // Patient numbers are usually digits: "999" comes before "1001", as users count.
        rows.sort { a, b in
            switch a.patientNumber.compare(b.patientNumber, options: .numeric) {
            case .orderedAscending: true
            case .orderedDescending: false
            case .orderedSame: a.episodeId < b.episodeId
            }
        }
        return Report(
            practice: practice.id!,
            period: Period(year: period.year, half: period.half, start: range.start.iso, end: range.end.iso),
            counts: Counts(rows: rows.count, deliverable: rows.count(where: \.deliverable)),
            rows: rows)
    }

    /// The report as the CLI and the API write it. Sorted keys: JSONEncoder keeps no
    /// declaration order on Linux, and two controls of the same data should diff cleanly.
    static func json(_ report: Report) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(report)
    }

    /// The half year of user input, or why it is not one. Shared by CLI, API and web so the
    /// same input is accepted everywhere; each caller words the refusal for its audience.
    enum PeriodInputError: Error, Equatable {
        case year
        case half
    }

    static func halfYear(year: String?, half: String?) -> Result<HalfYear, PeriodInputError> {
        guard let text = year?.trimmingCharacters(in: .whitespaces), text.count == 4, let y = Int(text),
              (1900...9999).contains(y) else { return .failure(.year) }
        guard let text = half?.trimmingCharacters(in: .whitespaces), let h = Int(text), h == 1 || h == 2 else {
            return .failure(.half)
        }
        return .success(HalfYear(year: y, half: h)!)
    }

    /// The audit log's detail: the period and counts, never patient data.
    static func auditDetail(_ report: Report, format: String) -> String {
        "\(report.halfYear): \(report.counts.rows) rows, \(report.counts.deliverable) deliverable, \(format)"
    }
}

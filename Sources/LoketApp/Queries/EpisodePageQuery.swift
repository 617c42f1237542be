// The episode page's lists, read as columns, not models: an episode has up to dozens of
// treatments, and a Fluent model costs its reflection on every row of every view.

import Fluent
import SQLKit

enum EpisodePageQuery {
    struct TreatmentLine: Sendable { var id: String, date: String, status: String, code: String?, practitionerID: String? }

    /// The practice's employees as options, by name.
    static func staff(of practice: String, on db: any Database) async throws -> [SelectOption] {
        try await (db as! any SQLDatabase).driverRows("SELECT id, name FROM employees WHERE practice_id = \(bind: practice) ORDER BY name, id") {
            SelectOption(value: try $0.required("id"), label: try $0.required("name"))
        }
    }

    /// The episode's treatments, newest first.
    static func treatments(of episode: String, on db: any Database) async throws -> [TreatmentLine] {
        try await (db as! any SQLDatabase).driverRows("""
            SELECT id, date, status, code, practitioner_id FROM treatments WHERE episode_id = \(bind: episode) ORDER BY date DESC, id
            """) { r in
            TreatmentLine(id: try r.required("id"), date: try r.required("date"), status: try r.required("status"),
                          code: try r.string("code"), practitionerID: try r.string("practitioner_id"))
        }
    }

    /// The episode's measurements, in date order (undated last).
    static func measurements(of episode: String, on db: any Database) async throws -> [MeasurementRow] {
        try await (db as! any SQLDatabase).driverRows("""
            SELECT \(unsafeRaw: MeasurementRow.columns) FROM measurements WHERE episode_id = \(bind: episode)
            ORDER BY date IS NULL, date, id
            """, MeasurementRow.init)
    }
}

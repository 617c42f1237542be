// The start page's counts per practice, from one grouped query per table (not one per
// practice), so the page stays fast with many practices.

import Fluent
import SQLKit

extension HomePage {
    /// The counts of `practices` (every practice when nil): a user's dashboard asks for
    /// their own practices only, so a host of many practices does not count them all.
    /// `countTreatments`: the dashboard does not show them, and counting them joins every
    /// treatment of the practice (a million for a large one) on each view.
    static func query(on db: any Database, practices ids: [String]? = nil, countTreatments: Bool = true) async throws -> HomePage {
        let sql = db as! any SQLDatabase
        struct Count: Decodable { var practice_id: String; var n: Int; var open: Int? }
        // An empty IN () is not SQL; a condition that is never true stands in for it.
        let only: (String) -> SQLQueryString = { column in
            guard let ids else { return "" }
            return ids.isEmpty ? "WHERE 1 = 0" : "WHERE \(unsafeRaw: column) IN (\(binds: ids))"
        }
        let patients = try await sql.raw("SELECT practice_id, COUNT(*) AS n FROM patients \(only("practice_id")) GROUP BY practice_id")
            .all(decoding: Count.self)
        let episodes = try await sql.raw("""
            SELECT practice_id, COUNT(*) AS n, SUM(CASE WHEN end_date IS NULL THEN 1 ELSE 0 END) AS open
            FROM episodes \(only("practice_id")) GROUP BY practice_id
            """).all(decoding: Count.self)
        let treatments = !countTreatments ? [] : try await sql.raw("""
            SELECT e.practice_id, COUNT(*) AS n FROM treatments t JOIN episodes e ON e.id = t.episode_id
            \(only("e.practice_id")) GROUP BY e.practice_id
            """).all(decoding: Count.self)
        let byPractice = { (rows: [Count]) in Dictionary(rows.map { ($0.practice_id, $0) }, uniquingKeysWith: { a, _ in a }) }
        let p = byPractice(patients), e = byPractice(episodes), t = byPractice(treatments)
        let query = Practice.query(on: db).sort(\.$name)
        if let ids { query.filter(\.$id ~~ ids) }
        let lines = try await query.all().map { practice in
            let id = practice.id!
            return PracticeLine(id: id, name: practice.name, ldoOptIn: practice.ldoOptIn,
                                hasCBSSettings: practice.cbsCorrespondenceNumber != nil,
                                patients: p[id]?.n ?? 0, episodes: e[id]?.n ?? 0,
                                openEpisodes: e[id]?.open ?? 0, treatments: t[id]?.n ?? 0)
        }
        return HomePage(practices: lines)
    }
}

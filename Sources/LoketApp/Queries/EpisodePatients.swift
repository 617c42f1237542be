// Patient number and name of episodes, for lists of control messages (the LDO wizard).

import Fluent
import SQLKit

enum EpisodePatients {
    static func numbersAndNames(ofEpisodes ids: [String], on db: any Database) async throws -> [String: (number: String, name: String)] {
        struct Row: Decodable { var id: String; var number: String; var name: String? }
        var out: [String: (number: String, name: String)] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT e.id, p.number, p.name FROM episodes e JOIN patients p ON p.id = e.patient_id WHERE e.id IN (\(binds: chunk))
                """).all(decoding: Row.self)
            for r in rows { out[r.id] = (r.number, r.name ?? "") }
        }
        return out
    }
}

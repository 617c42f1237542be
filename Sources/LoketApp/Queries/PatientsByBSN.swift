// A practice's patients by BSN: to show a delivered record (which carries the BSN, not the
// patient) as the patient's number, with a link, instead of the BSN itself.

import Fluent
import SQLKit

enum PatientsByBSN {
    static func find(_ bsns: [String], practice: String, on db: any Database) async throws -> [String: (id: String, number: String)] {
        struct Row: Decodable { var id: String; var number: String; var bsn: String }
        var out: [String: (id: String, number: String)] = [:]
        let wanted = Array(Set(bsns))
        for start in stride(from: 0, to: wanted.count, by: 500) {
            let chunk = Array(wanted[start..<min(start + 500, wanted.count)])
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT id, number, bsn FROM patients WHERE practice_id = \(bind: practice) AND bsn IN (\(binds: chunk)) ORDER BY number
                """).all(decoding: Row.self)
            for r in rows where out[r.bsn] == nil { out[r.bsn] = (r.id, r.number) }
        }
        return out
    }
}

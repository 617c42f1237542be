// The outbox entries of deliveries, for the lists (where each file went, its SHA-256,
// whether it is written yet).

import Fluent

enum DeliveryFiles {
    static func byDelivery(_ ids: [String], on db: any Database) async throws -> [String: DeliveryFile] {
        var out: [String: DeliveryFile] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            for entry in try await DeliveryFile.query(on: db).filter(\.$id ~~ chunk).all() { out[entry.id!] = entry }
        }
        return out
    }
}

// The outbox entries of deliveries, for the lists (where each file went, its SHA-256,
// whether it is written yet).

import Fluent

enum DeliveryFiles {
    /// The CBS deliveries as the lists show them, each with where its file went.
    static func summaries(_ deliveries: [CBSDelivery], on db: any Database) async throws -> [CBSDeliverySummary] {
        let files = try await byDelivery(deliveries.compactMap(\.id), on: db)
        return deliveries.map { CBSDeliverySummary($0, file: files[$0.id!]) }
    }

    /// The LDO deliveries as the lists show them, each with where its file went.
    static func summaries(_ deliveries: [LDODelivery], on db: any Database) async throws -> [LDODeliverySummary] {
        let files = try await byDelivery(deliveries.compactMap(\.id), on: db)
        return deliveries.map { LDODeliverySummary($0, file: files[$0.id!]) }
    }

    static func byDelivery(_ ids: [String], on db: any Database) async throws -> [String: DeliveryFile] {
        var out: [String: DeliveryFile] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            for entry in try await DeliveryFile.query(on: db).filter(\.$id ~~ chunk).all() { out[entry.id!] = entry }
        }
        return out
    }
}

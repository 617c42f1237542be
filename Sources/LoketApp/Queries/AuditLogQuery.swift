// One page of a practice's audit log, newest first: its entries and the sign-ins of its
// users (those have no practice), filtered by patient, user and Dutch days.

import Fluent
import LoketCore
import SQLKit

enum AuditLogQuery {
    struct Row: Decodable, Sendable {
        var seq: Int64, at: String, actor: String, action: String, patient_id: String?, detail: String?, address: String?
    }

    static func page(on db: any Database, practice: String, members: [String], patient: String?, actor: String?,
                     from: LocalDate?, to: LocalDate?, before: Int64?, size: Int) async throws -> [Row] {
        var q = (db as! any SQLDatabase).select().columns("seq", "at", "actor", "action", "patient_id", "detail", "address")
            .from("audit_entries")
            .where { w in
                w.where("practice_id", .equal, SQLBind(practice))
                if !members.isEmpty { w.orWhere("actor", .in, SQLBind.group(members)) }
                return w
            }
        if let patient { q = q.where("patient_id", .equal, SQLBind(patient)) }
        if let actor { q = q.where("actor", .equal, SQLBind(actor)) }
        // `at` is ISO 8601 in UTC, so text order is time order; the days asked for are
        // Dutch days, so their bounds are Dutch midnights written in UTC.
        if let from { q = q.where("at", .greaterThanOrEqual, SQLBind(AuditTime.utcStart(of: from))) }
        if let to { q = q.where("at", .lessThan, SQLBind(AuditTime.utcStart(of: to.adding(days: 1)))) }
        if let before { q = q.where("seq", .lessThan, SQLBind(before)) }
        return try await q.orderBy("seq", .descending).limit(size).all(decoding: Row.self)
    }
}

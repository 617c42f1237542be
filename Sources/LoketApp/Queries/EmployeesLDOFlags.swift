// The Medewerkers page's LDO flags (issue 17): a practitioner whose BIG number the LDO check
// rejects keeps every one of their episodes out of the delivery, silently until now. The
// page names them with the number of episodes it blocks in this month's window. One
// grouped count (LDOCauses.blockedByBIG), only when the practice delivers to the LDO and
// some employee's BIG number fails the rule.

import Fluent
import LoketCore

extension EmployeesPage {
    /// Flags the rows (employee `ids`, their stored `bigs`, in row order) whose BIG number
    /// keeps episodes out (`blocked`, by employee id), and names them above the list.
    mutating func flag(ids: [String], blocked: [String: Int], bigs: [String?]) {
        var warnings: [String] = []
        for (i, (id, big)) in zip(ids, bigs).enumerated() where i < rows.count {
            let n = blocked[id] ?? 0
            guard n > 0 else { continue }
            let missing = big?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true
            rows[i].ldoBlocked = n
            rows[i].flagged = true
            rows[i].ldoFlag = (missing ? "Geen BIG-nummer" : "BIG-nummer niet 11 cijfers") + ": \(LDOCauses.episodes(n)) "
                + (n == 1 ? "gaat" : "gaan") + " niet naar de LDO"
            warnings.append("\(rows[i].name) heeft " + (missing ? "geen BIG-nummer" : "een BIG-nummer dat niet uit 11 cijfers bestaat")
                            + ": \(LDOCauses.episodes(n)) " + (n == 1 ? "gaat" : "gaan") + " daardoor niet mee met de LDO-aanlevering van deze maand.")
        }
        ldoWarnings = warnings
    }
}

extension LDOCauses {
    /// Per employee id of `practice`, the episodes their BIG number keeps out of the LDO
    /// delivery of `today`'s window; empty when the practice does not deliver to the LDO.
    static func employeeFlags(_ practice: Practice, today: LocalDate, on db: any Database) async throws -> [String: Int] {
        guard LDO.deliveryBlocker(for: LDOEpisodeQuery.practice(practice)) == nil else { return [:] }
        return try await blockedByBIG(practice: practice.id!, window: LDO.window(deliveryDate: today), on: db)
    }
}

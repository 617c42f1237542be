// The Medewerkers page's LDO flags (issue 17): a practitioner whose BIG number the LDO check
// rejects keeps every one of their episodes out of the delivery, silently until now. The
// page names them with the number of episodes it blocks in this month's window. One
// grouped count (LDOCauses.blockedByBIG), only when the practice delivers to the LDO and
// some employee's BIG number fails the rule.

import Fluent
import LoketCore

/// The Medewerkers page with its LDO flags: EmployeesPage's fields, and per row how many
/// episodes the row's BIG number keeps out of this month's LDO delivery.
struct EmployeesFlaggedPage: Encodable {
    struct Row: Encodable {
        var name: String, big: String, agb: String, href: String
        /// Episodes of this month's LDO window kept out by this BIG number; 0 when none.
        var ldoBlocked: Int
        /// `ldoBlocked > 0`, for the template (Leaf counts a 0 as true).
        var flagged: Bool
        /// "Geen BIG-nummer: 24 episodes gaan niet naar de LDO", empty when none.
        var ldoFlag: String
    }

    var title: String, layout: Layout, practice: String, tabs: [PracticeTab], canWrite: Bool, action: String
    var rows: [Row], form: EmployeeForm, errors: FormErrors
    /// One line per flagged practitioner, shown above the list.
    var ldoWarnings: [String]

    init(_ page: EmployeesPage, ids: [String], blocked: [String: Int], bigs: [String: String?]) {
        title = page.title; layout = page.layout; practice = page.practice; tabs = page.tabs
        canWrite = page.canWrite; action = page.action; form = page.form; errors = page.errors
        var warnings: [String] = []
        rows = zip(page.rows, ids).map { row, id in
            let n = blocked[id] ?? 0
            var flag = ""
            if n > 0 {
                let missing = (bigs[id] ?? nil)?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true
                flag = (missing ? "Geen BIG-nummer" : "BIG-nummer niet 11 cijfers") + ": \(LDOCauses.episodes(n)) "
                    + (n == 1 ? "gaat" : "gaan") + " niet naar de LDO"
                warnings.append("\(row.name) heeft " + (missing ? "geen BIG-nummer" : "een BIG-nummer dat niet uit 11 cijfers bestaat")
                                + ": \(LDOCauses.episodes(n)) " + (n == 1 ? "gaat" : "gaan") + " daardoor niet mee met de LDO-aanlevering van deze maand.")
            }
            return Row(name: row.name, big: row.big, agb: row.agb, href: row.href, ldoBlocked: n, flagged: n > 0, ldoFlag: flag)
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

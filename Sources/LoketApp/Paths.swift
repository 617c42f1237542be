// Every web path in one typed place: pages link with these, routes.swift registers the
// same shapes, and a changed path is changed here once.

enum Paths {
    static let home = "/"
    static let signIn = "/aanmelden"
    static let signOut = "/afmelden"

    static func practice(_ p: String) -> String { "/praktijken/\(p)" }
    static func patients(_ p: String) -> String { "/praktijken/\(p)/patienten" }
    static func newPatient(_ p: String) -> String { "/praktijken/\(p)/patienten/nieuw" }
    static func patient(_ p: String, _ patient: String) -> String { "/praktijken/\(p)/patienten/\(patient)" }
    static func editPatient(_ p: String, _ patient: String) -> String { "/praktijken/\(p)/patienten/\(patient)/bewerken" }
    static func newEpisode(_ p: String, _ patient: String) -> String { "/praktijken/\(p)/patienten/\(patient)/episodes/nieuw" }
    static func episode(_ p: String, _ episode: String) -> String { "/praktijken/\(p)/episodes/\(episode)" }
    static func treatments(_ p: String, _ episode: String) -> String { "/praktijken/\(p)/episodes/\(episode)/behandelingen" }
    static func treatmentStatus(_ p: String, _ episode: String, _ t: String) -> String {
        "/praktijken/\(p)/episodes/\(episode)/behandelingen/\(t)/status"
    }
    static func auditLog(_ p: String) -> String { "/praktijken/\(p)/auditlog" }
}

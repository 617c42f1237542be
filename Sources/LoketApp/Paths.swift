// Every web path in one typed place: pages link with these, routes.swift registers the
// same shapes, and a changed path is changed here once.

import Foundation

enum Paths {
    static let home = "/"
    static let signIn = "/aanmelden"
    static let signOut = "/afmelden"
    /// Changing one's own password.
    static let password = "/wachtwoord"
    /// Setting up two-factor sign-in.
    static let twoFactor = "/tweestaps"
    /// The second step of signing in.
    static let signInCode = "/aanmelden/code"

    static func practice(_ p: String) -> String { "/praktijken/\(p)" }
    static func patients(_ p: String) -> String { "/praktijken/\(p)/patienten" }
    static func newPatient(_ p: String) -> String { "/praktijken/\(p)/patienten/nieuw" }
    static func patient(_ p: String, _ patient: String) -> String { "/praktijken/\(p)/patienten/\(patient)" }
    static func editPatient(_ p: String, _ patient: String) -> String { "/praktijken/\(p)/patienten/\(patient)/bewerken" }
    static func newEpisode(_ p: String, _ patient: String) -> String { "/praktijken/\(p)/patienten/\(patient)/episodes/nieuw" }
    static func episode(_ p: String, _ episode: String) -> String { "/praktijken/\(p)/episodes/\(episode)" }
    static func treatments(_ p: String, _ episode: String) -> String { "/praktijken/\(p)/episodes/\(episode)/behandelingen" }
    static func measurements(_ p: String, _ episode: String) -> String { "/praktijken/\(p)/episodes/\(episode)/metingen" }
    static func measurement(_ p: String, _ episode: String, _ m: String) -> String { "/praktijken/\(p)/episodes/\(episode)/metingen/\(m)" }
    static func treatmentStatus(_ p: String, _ episode: String, _ t: String) -> String {
        "/praktijken/\(p)/episodes/\(episode)/behandelingen/\(t)/status"
    }
    static func auditLog(_ p: String) -> String { "/praktijken/\(p)/auditlog" }
    static func cbsControl(_ p: String) -> String { "/praktijken/\(p)/aanleveringen/cbs" }
    static func cbsControlCSV(_ p: String) -> String { "/praktijken/\(p)/aanleveringen/cbs.csv" }
    static func cbsControlXLSX(_ p: String) -> String { "/praktijken/\(p)/aanleveringen/cbs.xlsx" }
    static func cbsFinal(_ p: String) -> String { "/praktijken/\(p)/aanleveringen/cbs/definitief" }
    /// A value for a URL's query (`?fout=…`): every character but letters and digits escaped.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    static func cbsControlMake(_ p: String) -> String { "/praktijken/\(p)/aanleveringen/cbs/controle" }
    static func cbsDownload(_ p: String, _ d: String) -> String { "/praktijken/\(p)/aanleveringen/cbs/\(d)/bestand" }
    static func cbsChanges(_ p: String, _ d: String) -> String { "/praktijken/\(p)/aanleveringen/cbs/\(d)/wijzigingen" }
    static func cbsWithdraw(_ p: String, _ d: String) -> String { "/praktijken/\(p)/aanleveringen/cbs/\(d)/intrekken" }
    static func deliveries(_ p: String) -> String { "/praktijken/\(p)/aanleveringen" }
    static func ldoDeliveries(_ p: String) -> String { "/praktijken/\(p)/aanleveringen/ldo" }
    static func ldoWizard(_ p: String) -> String { "/praktijken/\(p)/aanleveringen/ldo/nieuw" }
    static func ldoReportsFetch(_ p: String) -> String { "/praktijken/\(p)/aanleveringen/ldo/verslagen" }
    static func ldoWizardCheck(_ p: String) -> String { "/praktijken/\(p)/aanleveringen/ldo/nieuw/controleren" }
    static func ldoDelivery(_ p: String, _ d: String) -> String { "/praktijken/\(p)/aanleveringen/ldo/\(d)" }
    static func ldoReport(_ p: String, _ d: String) -> String { "/praktijken/\(p)/aanleveringen/ldo/\(d)/verslag" }
    static func settings(_ p: String) -> String { "/praktijken/\(p)/instellingen" }
    static func employees(_ p: String) -> String { "/praktijken/\(p)/medewerkers" }
    static func employee(_ p: String, _ e: String) -> String { "/praktijken/\(p)/medewerkers/\(e)" }
    static func users(_ p: String) -> String { "/praktijken/\(p)/gebruikers" }
    static func removeMember(_ p: String, _ m: String) -> String { "/praktijken/\(p)/gebruikers/\(m)/verwijderen" }
    static func requireTwoFactor(_ p: String) -> String { "/praktijken/\(p)/gebruikers/tweestaps" }
    static func resetTwoFactor(_ p: String, _ m: String) -> String { "/praktijken/\(p)/gebruikers/\(m)/tweestaps" }
    static func resetPassword(_ p: String, _ m: String) -> String { "/praktijken/\(p)/gebruikers/\(m)/wachtwoord" }
    static func tokens(_ p: String) -> String { "/praktijken/\(p)/tokens" }
    static func revokeToken(_ p: String, _ t: String) -> String { "/praktijken/\(p)/tokens/\(t)/intrekken" }
}

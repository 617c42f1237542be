// Demo accounts, one per role, made with the demo data and printed when `serve --demo`
// starts. Their passwords are public: for trying Loket, never for real data.

import Vapor

enum DemoAccounts {
    struct Account {
        var email: String
        var name: String
        var practice: String
        var role: Role
    }

    static let password = "demo-wachtwoord"

    static let all: [Account] = [
        .init(email: "behandelaar@oefen.demo", name: "Anna de Vries", practice: DemoData.oefenPractice, role: .behandelaar),
        .init(email: "administratie@oefen.demo", name: "Bram Bakker", practice: DemoData.oefenPractice, role: .administratie),
        .init(email: "beheerder@oefen.demo", name: "Carla Smit", practice: DemoData.oefenPractice, role: .beheerder),
        .init(email: "behandelaar@jeugd.demo", name: "Daan Mulder", practice: DemoData.jeugdPractice, role: .behandelaar),
        .init(email: "administratie@jeugd.demo", name: "Eva de Boer", practice: DemoData.jeugdPractice, role: .administratie),
    ]

    static func create(on app: Application) async throws {
        for a in all {
            try await Accounts.add(email: a.email, name: a.name, password: password, practice: a.practice, role: a.role,
                                   actor: "cli:demo", on: app)
        }
    }

    static var summary: String {
        "Demo-accounts (wachtwoord \"\(password)\"):\n" + all.map { "  \($0.email)  \($0.role.rawValue) van \($0.practice)" }.joined(separator: "\n")
    }
}

// Every route of routes.swift, walked with every role, without signing in, and with the ids
// of another practice (issue "Security and privacy"). The routes come from the app's route
// table, and each must have a rule below: a new route without one fails the first test, so
// it cannot be forgotten.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Authorization of every route")
struct RouteAuthorizationTests {
    enum Access {
        /// Anyone (health, sign-in).
        case open
        /// Any signed-in user, about themselves.
        case signedIn
        /// Any member of the practice in the path.
        case member
        /// A member whose role has this permission in the practice of the path.
        case permission(Permission)
        /// A bearer token (of the practice concerned, or of none).
        case token
    }

    static let rules: [String: Access] = [
        "GET /health": .open, "GET /metrics": .open, "GET /api/v1/openapi.json": .open,
        "GET /aanmelden": .open, "POST /aanmelden": .open,
        "GET /aanmelden/code": .open, "POST /aanmelden/code": .open,
        "GET /tweestaps": .signedIn, "POST /tweestaps": .signedIn, "POST /tweestaps/uitschakelen": .signedIn,
        "POST /praktijken/:practiceID/gebruikers/tweestaps": .permission(.manageUsers),
        "POST /praktijken/:practiceID/gebruikers/:membershipID/tweestaps": .permission(.manageUsers),
        "POST /afmelden": .signedIn, "GET /": .signedIn, "GET /wachtwoord": .signedIn, "POST /wachtwoord": .signedIn,
        "GET /praktijken/:practiceID": .member,
        "GET /praktijken/:practiceID/patienten": .permission(.readPatients),
        "GET /praktijken/:practiceID/patienten/nieuw": .permission(.writePatients),
        "POST /praktijken/:practiceID/patienten/nieuw": .permission(.writePatients),
        "GET /praktijken/:practiceID/patienten/:patientID": .permission(.readPatients),
        "GET /praktijken/:practiceID/patienten/:patientID/bewerken": .permission(.fixRegistryData),
        "POST /praktijken/:practiceID/patienten/:patientID/bewerken": .permission(.fixRegistryData),
        "GET /praktijken/:practiceID/patienten/:patientID/episodes/nieuw": .permission(.writePatients),
        "POST /praktijken/:practiceID/patienten/:patientID/episodes/nieuw": .permission(.writePatients),
        "GET /praktijken/:practiceID/episodes/:episodeID": .permission(.readPatients),
        "POST /praktijken/:practiceID/episodes/:episodeID": .permission(.fixRegistryData),
        "POST /praktijken/:practiceID/episodes/:episodeID/behandelingen": .permission(.writePatients),
        "POST /praktijken/:practiceID/episodes/:episodeID/behandelingen/:treatmentID/status": .permission(.writePatients),
        "POST /praktijken/:practiceID/episodes/:episodeID/metingen": .permission(.writePatients),
        "POST /praktijken/:practiceID/episodes/:episodeID/metingen/:measurementID": .permission(.writePatients),
        "POST /praktijken/:practiceID/episodes/:episodeID/metingen/:measurementID/verwijderen": .permission(.writePatients),
        "GET /praktijken/:practiceID/instellingen": .permission(.readSettings),
        "POST /praktijken/:practiceID/instellingen": .permission(.writeSettings),
        "GET /praktijken/:practiceID/medewerkers": .permission(.readSettings),
        "POST /praktijken/:practiceID/medewerkers": .permission(.writeSettings),
        "GET /praktijken/:practiceID/medewerkers/:employeeID": .permission(.writeSettings),
        "POST /praktijken/:practiceID/medewerkers/:employeeID": .permission(.writeSettings),
        "GET /praktijken/:practiceID/gebruikers": .permission(.manageUsers),
        "POST /praktijken/:practiceID/gebruikers": .permission(.manageUsers),
        "GET /praktijken/:practiceID/gebruikers/:membershipID/verwijderen": .permission(.manageUsers),
        "POST /praktijken/:practiceID/gebruikers/:membershipID/verwijderen": .permission(.manageUsers),
        "POST /praktijken/:practiceID/gebruikers/:membershipID/wachtwoord": .permission(.manageUsers),
        "GET /praktijken/:practiceID/tokens": .permission(.manageUsers),
        "POST /praktijken/:practiceID/tokens": .permission(.manageUsers),
        "POST /praktijken/:practiceID/tokens/:tokenID/intrekken": .permission(.manageUsers),
        "GET /praktijken/:practiceID/auditlog": .permission(.readAuditLog),
        "GET /praktijken/:practiceID/aanleveringen": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/cbs": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/cbs.csv": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/cbs.xlsx": .permission(.deliver),
        "POST /praktijken/:practiceID/aanleveringen/cbs/controle": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/cbs/definitief": .permission(.deliver),
        "POST /praktijken/:practiceID/aanleveringen/cbs/definitief": .permission(.deliver),
        "POST /praktijken/:practiceID/aanleveringen/cbs/:deliveryID/intrekken": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/cbs/:deliveryID/bestand": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/cbs/:deliveryID/wijzigingen": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/ldo": .permission(.deliver),
        "POST /praktijken/:practiceID/aanleveringen/ldo/verslagen": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/ldo/nieuw": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/ldo/nieuw/controleren": .permission(.deliver),
        "POST /praktijken/:practiceID/aanleveringen/ldo/nieuw": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/ldo/:deliveryID": .permission(.deliver),
        "GET /praktijken/:practiceID/aanleveringen/ldo/:deliveryID/verslag": .permission(.deliver),
        "POST /praktijken/:practiceID/aanleveringen/ldo/:deliveryID/verslag": .permission(.deliver),
        "POST /api/v1/import": .token,
        "GET /api/v1/cbs/control": .token, "POST /api/v1/cbs/control": .token, "POST /api/v1/cbs/final": .token,
        "GET /api/v1/cbs/deliveries": .token, "GET /api/v1/cbs/deliveries/:deliveryID/file": .token,
        "POST /api/v1/cbs/deliveries/:deliveryID/withdraw": .token, "GET /api/v1/cbs/deliveries/:deliveryID/changes": .token,
        "GET /api/v1/ldo/check": .token, "POST /api/v1/ldo/deliveries": .token, "GET /api/v1/ldo/deliveries": .token,
        "POST /api/v1/ldo/deliveries/:deliveryID/report": .token, "GET /api/v1/ldo/deliveries/:deliveryID/report": .token,
    ]

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    @Test("Every route has an access rule, and every rule a route")
    func everyRouteHasARule() async throws {
        try await withApp(.sqlite) { app in
            let keys = Set(app.routes.all.map(Self.key))
            #expect(keys.subtracting(Self.rules.keys).sorted() == [], "routes without a rule: add them to RouteAuthorizationTests.rules")
            #expect(Set(Self.rules.keys).subtracting(keys).sorted() == [], "rules without a route")
        }
    }

    /// The ids each path parameter takes: this practice's, and another practice's.
    struct Walk {
        var own: [String: String]
        var foreign: [String: String]

        func path(_ route: Route, practice: String, objects: [String: String], cbs: Bool) -> String {
            "/" + route.path.map { component -> String in
                guard case .parameter(let name) = component else { return component.description }
                if name == "practiceID" { return practice }
                if name == "deliveryID" { return objects[cbs ? "cbsDelivery" : "ldoDelivery"]! }
                return objects[name]!
            }.joined(separator: "/")
        }
    }

    static func prepare(_ app: Application) async throws -> Walk {
        let p1 = try #require(try await Practice.find("p1", on: app.db))
        let p2 = try #require(try await Practice.find("p2", on: app.db))
        let folder = NSTemporaryDirectory() + "loket-routes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        p2.ldoOptIn = true
        p2.ldoPVMFolder = folder
        try await p2.save(on: app.db)
        app.dependencies.ids = LoketApp.IDs.random
        let ownFinal = try await CBSFinalDelivery.make(practice: p1, period: HalfYear(year: 2026, half: 1)!, in: app.useCase(actor: "cli:t"))
        let (foreignControl, _) = try await CBSControlRun.make(practice: p2, period: HalfYear(year: 2026, half: 1)!, in: app.useCase(actor: "cli:t"))
        p1.ldoPVMFolder = folder
        try await p1.save(on: app.db)
        let ownLDO = try await LDOMonthlyDelivery.make(practice: p1, deliveryDate: LocalDate(iso: "2026-03-15")!, in: app.useCase(actor: "cli:t"))
        let foreignLDO = try? await LDOMonthlyDelivery.make(practice: p2, deliveryDate: LocalDate(iso: "2026-03-15")!, in: app.useCase(actor: "cli:t"))
        // The members whose membership a route acts on: erin of p1, bob of p2 (not the walkers).
        try await Accounts.add(email: "erin@p1.test", name: "Erin", password: testPassword, practice: "p1", role: .behandelaar,
                               actor: "test", on: app)
        let erin = try #require(try await User.query(on: app.db).filter(\.$email == "erin@p1.test").first())
        let bob = try #require(try await User.query(on: app.db).filter(\.$email == "bob@p2.test").first())
        let erinM = try #require(try await Membership.query(on: app.db).filter(\.$userID == erin.id!).first())
        let bobM = try #require(try await Membership.query(on: app.db).filter(\.$userID == bob.id!).first())
        let (ownToken, _) = try await APIToken.create(name: "walk", practiceID: "p1", actor: "test", on: app.db)
        let (foreignToken, _) = try await APIToken.create(name: "walk", practiceID: "p2", actor: "test", on: app.db)
        return Walk(
            own: ["patientID": "pt1", "episodeID": "ep1", "treatmentID": "t1", "measurementID": "m1", "employeeID": "e1", "membershipID": erinM.id!,
                  "tokenID": ownToken.id!, "cbsDelivery": ownFinal.id!, "ldoDelivery": ownLDO.id!],
            foreign: ["patientID": "pt2", "episodeID": "ep2", "treatmentID": "t3", "measurementID": "m_none", "employeeID": "e2", "membershipID": bobM.id!,
                      "tokenID": foreignToken.id!, "cbsDelivery": foreignControl.id!, "ldoDelivery": foreignLDO?.id ?? "ldo_none"])
    }

    @Test("Web: each role reaches what its role allows, nothing of another practice, nothing without signing in", arguments: TestDatabase.available)
    func web(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let ids = try await Self.prepare(app)
            let people: [(String, Role)] = [("alice@p1.test", .behandelaar), ("carol@p1.test", .administratie), ("dave@p1.test", .beheerder)]
            var sessions: [(WebSession, Role)] = []
            for (email, role) in people {
                let s = WebSession(app)
                try await s.signIn(email)
                sessions.append((s, role))
            }
            let anonymous = WebSession(app)
            _ = try await anonymous.get("/aanmelden")
            func send(_ s: WebSession, _ method: HTTPMethod, _ path: String) async throws -> HTTPStatus {
                _ = try await s.get("/wachtwoord")  // a fresh CSRF token, whatever the last answer was
                return method == .GET ? try await s.get(path).status : try await s.post(path, [:]).status
            }
            let routes = app.routes.all.filter { !Self.key($0).hasPrefix("GET /api") && !Self.key($0).hasPrefix("POST /api") }
            for route in routes {
                let key = Self.key(route)
                guard let rule = Self.rules[key] else { continue }
                let cbs = key.contains("/cbs/")
                let own = ids.path(route, practice: "p1", objects: ids.own, cbs: cbs)
                switch rule {
                case .open: continue
                case .signedIn, .member, .permission:
                    let a = try await send(anonymous, route.method, own)
                    #expect(route.method == .GET ? a == .seeOther : (a == .unauthorized || a == .forbidden), "anonymous \(key): \(a)")
                case .token: continue
                }
                guard key != "POST /afmelden" else { continue }  // ends the walker's session
                for (session, role) in sessions {
                    let allowed: Bool
                    switch rule {
                    case .permission(let p): allowed = role.allows(p)
                    default: allowed = true
                    }
                    let status = try await send(session, route.method, own)
                    if allowed {
                        #expect(status != .forbidden && status != .unauthorized && status.code < 500, "\(role) \(key): \(status)")
                    } else {
                        #expect(status == .forbidden, "\(role) \(key) should be refused: \(status)")
                    }
                    guard key.contains(":practiceID") else { continue }
                    // Another practice in the path: never theirs.
                    let other = ids.path(route, practice: "p2", objects: ids.foreign, cbs: cbs)
                    let o = try await send(session, route.method, other)
                    #expect(o == .forbidden, "\(role) \(key) in p2: \(o)")
                    // Their own practice in the path, another practice's record in it: not found.
                    if allowed, route.path.contains(where: { if case .parameter(let n) = $0 { n != "practiceID" } else { false } }) {
                        let mixed = ids.path(route, practice: "p1", objects: ids.foreign, cbs: cbs)
                        let m = try await send(session, route.method, mixed)
                        #expect(m == .notFound || m == .badRequest, "\(role) \(key) with p2's record: \(m)")
                    }
                }
            }
        }
    }

    @Test("API: no token is 401; a practice's token reaches nothing of another practice", arguments: TestDatabase.available)
    func api(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let ids = try await Self.prepare(app)
            let (_, token) = try await APIToken.create(name: "p1", practiceID: "p1", actor: "test", on: app.db)
            // The contract's document is open (rules); every other API route needs a token.
            let routes = app.routes.all.filter { Self.key($0).contains(" /api/") && Self.key($0) != "GET /api/v1/openapi.json" }
            #expect(routes.count == Self.rules.values.filter { if case .token = $0 { true } else { false } }.count)
            for route in routes {
                let key = Self.key(route)
                let cbs = key.contains("/cbs/")
                let takesPractice = !key.contains(":deliveryID") && key != "POST /api/v1/import"
                let query = takesPractice ? "?practice=p2&year=2026&period=1&on=2026-03-15" : ""
                let foreign = ids.path(route, practice: "p2", objects: ids.foreign, cbs: cbs)
                try await app.testing().test(route.method, String(foreign.dropFirst()) + query) { res async in
                    #expect(res.status == .unauthorized, "\(key) without a token: \(res.status)")
                }
                try await app.testing().test(route.method, String(foreign.dropFirst()) + query,
                                             headers: ["Authorization": "Bearer \(token)"],
                                             body: key == "POST /api/v1/import"
                                                ? ByteBuffer(string: #"{"format": "loket-exchange/1", "employees": [{"id": "e9", "practiceId": "p2", "name": "X"}]}"#)
                                                : nil) { res async in
                    let expected: [HTTPStatus] = key == "POST /api/v1/import" ? [.unprocessableEntity]
                        : key.contains(":deliveryID") ? [.notFound] : [.forbidden]
                    #expect(expected.contains(res.status), "\(key) with p1's token on p2: \(res.status)")
                    if key == "POST /api/v1/import" { #expect(res.body.string.contains("outside this token's practice")) }
                }
            }
        }
    }
}

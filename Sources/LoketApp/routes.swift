// Every route of Loket, grouped by area, so the whole surface reads in one screen.
// Web pages: behind sessions and CSRF; all but sign-in behind RequireSignIn; each handler
// then checks the user's role in the practice of the path. API: bearer tokens.

import Vapor

func routes(_ app: Application) throws {
    let health = HealthController()
    app.get("health", use: health.health)

    // Web pages (Dutch).
    let web = app.grouped(app.sessions.middleware, CSRFMiddleware())
    let signIn = SignInController()
    web.get("aanmelden", use: signIn.form)
    web.post("aanmelden", use: signIn.submit)

    let signedIn = web.grouped(RequireSignIn())
    signedIn.post("afmelden", use: signIn.signOut)
    let dashboard = DashboardController()
    signedIn.get(use: dashboard.index)

    let practice = signedIn.grouped("praktijken", ":practiceID")
    practice.get(use: dashboard.practice)
    let patients = PatientsController()
    practice.get("patienten", use: patients.list)
    practice.get("patienten", "nieuw", use: patients.newForm)
    practice.post("patienten", "nieuw", use: patients.create)
    practice.get("patienten", ":patientID", use: patients.dossier)
    practice.get("patienten", ":patientID", "bewerken", use: patients.editForm)
    practice.post("patienten", ":patientID", "bewerken", use: patients.update)
    let episodes = EpisodesController()
    practice.get("patienten", ":patientID", "episodes", "nieuw", use: episodes.newForm)
    practice.post("patienten", ":patientID", "episodes", "nieuw", use: episodes.create)
    practice.get("episodes", ":episodeID", use: episodes.show)
    practice.post("episodes", ":episodeID", use: episodes.update)
    practice.post("episodes", ":episodeID", "behandelingen", use: episodes.addTreatment)
    practice.post("episodes", ":episodeID", "behandelingen", ":treatmentID", "status", use: episodes.setTreatmentStatus)
    let settings = PracticeSettingsController()
    practice.get("instellingen", use: settings.settings)
    practice.post("instellingen", use: settings.saveSettings)
    practice.get("medewerkers", use: settings.employees)
    practice.post("medewerkers", use: settings.addEmployee)
    practice.get("medewerkers", ":employeeID", use: settings.editEmployee)
    practice.post("medewerkers", ":employeeID", use: settings.saveEmployee)
    practice.get("gebruikers", use: settings.users)
    practice.post("gebruikers", use: settings.addUser)
    practice.post("gebruikers", ":membershipID", "verwijderen", use: settings.removeUser)
    practice.get("tokens", use: settings.tokens)
    practice.post("tokens", use: settings.createToken)
    practice.post("tokens", ":tokenID", "intrekken", use: settings.revokeToken)
    let audit = AuditLogController()
    practice.get("auditlog", use: audit.index)
    let cbsControl = CBSControlController()
    practice.get("aanleveringen", "cbs", use: cbsControl.page)
    practice.get("aanleveringen", "cbs.csv", use: cbsControl.csv)
    practice.get("aanleveringen", "cbs.xlsx", use: cbsControl.xlsx)
    let cbsDeliveries = CBSDeliveriesController()
    practice.post("aanleveringen", "cbs", "definitief", use: cbsDeliveries.makeFinal)
    practice.get("aanleveringen", "cbs", ":deliveryID", "bestand", use: cbsDeliveries.download)

    // JSON API for integrators: bearer token on every route.
    let api = app.grouped("api", "v1").grouped(APITokenMiddleware())
    let importer = ImportAPIController()
    // An exchange document of a large practice runs to hundreds of megabytes.
    api.on(.POST, "import", body: .collect(maxSize: "1gb"), use: importer.importDocument)
    let cbsAPI = CBSAPIController()
    api.get("cbs", "control", use: cbsAPI.control)
    api.post("cbs", "final", use: cbsAPI.final)
    api.get("cbs", "deliveries", use: cbsAPI.deliveries)
    api.get("cbs", "deliveries", ":deliveryID", "file", use: cbsAPI.file)
    api.get("ldo", "check", use: LDOAPIController().check)
}

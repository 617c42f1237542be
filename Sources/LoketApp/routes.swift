// Every route of Loket, grouped by area, so the whole surface reads in one screen.

import Vapor

func routes(_ app: Application) throws {
    let health = HealthController()
    app.get("health", use: health.health)

    // Web pages (Dutch).
    let home = HomeController()
    app.get(use: home.index)

    // JSON API for integrators: bearer token on every route.
    let api = app.grouped("api", "v1").grouped(APITokenMiddleware())
    let importer = ImportAPIController()
    // An exchange document of a large practice runs to hundreds of megabytes.
    api.on(.POST, "import", body: .collect(maxSize: "1gb"), use: importer.importDocument)
}

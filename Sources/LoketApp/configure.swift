// The one place where Loket is wired: database, migrations, views, middleware, commands
// and routes. The entry point and the tests call this same function.

import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Leaf
import LeafKit
import LoketCore
import Vapor

public struct LoketOptions: Sendable {
    /// Fill the database with the demo data set before serving (`loket serve --demo`).
    public var demo: Bool
    public var database: DatabaseChoice
    /// PostgreSQL schema to use instead of `public` (tests give each test its own).
    public var postgresSchema: String?

    public init(demo: Bool = false, database: DatabaseChoice, postgresSchema: String? = nil) {
        self.demo = demo
        self.database = database
        self.postgresSchema = postgresSchema
    }
}

public func configure(_ app: Application, options: LoketOptions) async throws {
    // A request waits up to 30 s for a connection rather than failing at once under a burst.
    // PostgreSQL gets 4 connections per event loop (the driver's default is 1), so one long
    // delivery does not hold up every other request; SQLite writes one at a time anyway.
    // A stop (SIGTERM, SIGINT) waits this long for open requests and deliveries to finish
    // (LOKET_SHUTDOWN_SECONDS, default 60; systemd's TimeoutStopSec should be longer).
    app.http.server.configuration.shutdownTimeout = .seconds(Int64(shutdownSeconds()))
    // The server's connections on loops apart from the database's (HTTPServerLoops).
    HTTPServerLoops.install(on: app)
    switch options.database {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace), as: .sqlite)
    case .postgres(let url):
        var config = try SQLPostgresConfiguration(url: url)
        config.searchPath = [options.postgresSchema ?? "public"]
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: Application.postgresConnectionsPerLoop,
                                    connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace), as: .psql)
    }
    app.storage[LoketOptionsKey.self] = options
    app.storage[TrustedProxiesKey.self] = TrustedProxies(list: Environment.get("LOKET_TRUSTED_PROXIES"))
    registerMigrations(app)
    app.dependencies.pvmRoot = .configured(app.directory)
    // LOKET_TODAY=YYYY-MM-DD: the day every page, command and delivery counts as today (a
    // demonstration of a past period, the browser tests); the moments recorded stay real.
    if let text = Environment.get("LOKET_TODAY") {
        guard case .date(let day) = LocalDate.input(text) else {
            throw CommandFailure("LOKET_TODAY must be a date YYYY-MM-DD in 1900–2199 (got \"\(text.prefix(40))\")")
        }
        app.dependencies.clock = app.dependencies.clock.pinning(today: day)
    }

    // Leaf's own provider switches its template cache off in the development environment
    // (the default of `loket serve`), and then lexes and parses every template on every page:
    // a fifth of a page's time. Loket keeps parsed templates in every environment;
    // LOKET_RELOAD_TEMPLATES=1 reads them anew on each page, for whoever edits them.
    // The templates are built into the binary (EmbeddedViews); with LOKET_RELOAD_TEMPLATES=1
    // they come from Resources/Views of the working directory, read anew on each page.
    let reloadTemplates = Environment.get("LOKET_RELOAD_TEMPLATES") == "1"
    app.leaf.cache.isEnabled = !reloadTemplates
    if !reloadTemplates { app.leaf.sources = .singleSource(EmbeddedViews()) }
    app.views.use { app in
        LeafRenderer(configuration: app.leaf.configuration, tags: app.leaf.tags, cache: app.leaf.cache,
                     sources: app.leaf.sources, eventLoop: app.eventLoopGroup.any(),
                     userInfo: app.leaf.userInfo.merging(["application": app]) { _, new in new })
    }

    // Sessions live in the database, so several instances behind a load balancer share
    // them; written only when they change (SQLSessions). The cookie is HttpOnly and SameSite=Lax; Secure when LOKET_SECURE_COOKIES=1
    // (set it whenever Loket is reached over HTTPS, as it should be outside a test).
    app.sessions.use { _ in SQLSessions() }
    let secure = Environment.get("LOKET_SECURE_COOKIES") == "1"
    app.sessions.configuration = SessionsConfiguration(cookieName: "loket_session") { id in
        HTTPCookies.Value(string: id.string, expires: nil, maxAge: nil, domain: nil, path: "/",
                          isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    // Bcrypt; a low cost in tests only, where hundreds of sign-ins would otherwise take minutes.
    app.passwords.use(.bcrypt(cost: app.environment == .testing ? 4 : 12))

    app.middleware = .init()
    // First, so that a stop waits for every request, errors and static files included.
    let inFlight = InFlightRequests()
    app.storage[InFlightRequestsKey.self] = inFlight
    app.middleware.use(inFlight)
    // One line per request (method and path; never the query, which can hold a search for a
    // name), with the request id that Vapor takes from X-Request-Id or makes.
    app.middleware.use(RouteLoggingMiddleware(logLevel: app.environment == .testing ? .trace : .info))
    app.middleware.use(LoketErrorMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(StaticFilesMiddleware())

    // Replaces Fluent's, which crashes without a terminal to confirm on.
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(TokenCommand(), as: "token")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(CBSCommand(), as: "cbs")
    app.asyncCommands.use(LDOCommand(), as: "ldo")
    app.asyncCommands.use(BackupCommand(), as: "backup")

    try routes(app)
}

/// Runs before a command: migrates SQLite automatically and loads the demo data when asked.
public func prepare(_ app: Application, command: String) async throws {
    let options = app.loketOptions
    // SQLite is one file for one instance: migrating it on the fly is safe and saves a
    // step. PostgreSQL is migrated on purpose, since several instances may share it.
    if options.database.isSQLite && command != "migrate" { try await app.autoMigrate() }
    // Write-ahead logging: readers no longer wait for the writer (every page view writes
    // its audit entry), and a commit is one append. The mode stays with the file.
    if options.database.isSQLite { try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run() }
    if options.database.isSQLite { try await waitForLocks(app) }
    // A database file made before Loket set its umask (or copied in) is made private too.
    if case .sqlite(let path) = options.database {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) { chmod(file, 0o600) }
    }
    // The audit chain's key (AuditKey): read or made, and the chain keyed with it the first
    // time. `migrate` may run before the tables exist; `audit verify` only reads.
    if command != "migrate" {
        let key = try AuditKey.load()
        if command != "audit" { try await AuditKey.keyChain(with: key, on: app.db) }
    }
    if command == "serve" { app.lifecycle.use(BackgroundWork()) }
    if options.demo && command == "serve" {
        let summary = try await DemoData.load(into: app.db, seed: DemoData.defaultSeed, today: app.dependencies.clock.today,
                                            pvmFolder: app.dependencies.pvmRoot.path)
        try await DemoAccounts.create(on: app)
        app.logger.notice("Demodata geladen: \(summary)")
        print(DemoAccounts.summary)
    }
}

/// SQLite: every connection of the pool (one per event loop) waits up to five minutes for
/// another process's write lock, sleeping, where SQLiteNIO's own busy handler retries in a
/// loop without a pause. A page's audit entry then waits for a delivery of the CLI instead
/// of spinning a core (LockedTransaction sets the same for its own connection).
func waitForLocks(_ app: Application) async throws {
    for loop in app.eventLoopGroup.makeIterator() {
        guard let db = app.databases.database(logger: app.logger, on: loop) else { continue }
        try await (db as! any SQLDatabase).raw("PRAGMA busy_timeout = \(literal: LockedTransaction.waitSeconds * 1000)").run()
    }
}

/// LOKET_SHUTDOWN_SECONDS: how long a stop waits for requests in flight (1–3600, default 60).
public func shutdownSeconds() -> Int {
    Environment.get("LOKET_SHUTDOWN_SECONDS").flatMap(Int.init).map { min(max($0, 1), 3600) } ?? 60
}

struct LoketOptionsKey: StorageKey {
    typealias Value = LoketOptions
}

extension Application {
    var loketOptions: LoketOptions { storage[LoketOptionsKey.self]! }

    static let postgresConnectionsPerLoop = 4

    /// The connections the pools may open: one per event loop on SQLite, four on PostgreSQL.
    var databasePoolSize: Int {
        let loops = eventLoopGroup.makeIterator().reduce(0) { count, _ in count + 1 }
        return loops * (loketOptions.database.isSQLite ? 1 : Self.postgresConnectionsPerLoop)
    }
}

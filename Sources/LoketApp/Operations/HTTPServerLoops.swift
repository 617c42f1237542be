// The HTTP server answers on event loops of its own, apart from the loops of the database
// connections (the application's group). The drivers parse every row a query returns on
// their connection's loop, and Fluent's `req.db` would put a request's connection on the
// request's own loop: with one group, a delivery of tens of thousands of rows held the loops
// that /health and the pages answer on: a static file waited up to 87 ms beside CBS and LDO
// deliveries on 30,000 episodes, 33 ms with the loops apart (docs/architecture.md, "The
// server answers on event loops of its own"). A stop (SIGTERM) then closed connections the
// server had accepted but not yet read, as idle: their requests were lost.
//
// Requests reach the database through `req.database` (Request+Database.swift), which takes
// a connection from the database loops; Loket's `req.db` is the same with a warning, since
// Fluent's would look for a pool on the HTTP loop, which has none.

import NIOConcurrencyHelpers
import NIOPosix
import Vapor

enum HTTPServerLoops {
    /// One group for the process, as NIO's own singleton: started on first use, never shut
    /// down (each application of the tests starts and stops its server on it).
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)

    /// Vapor's HTTP server on `group`: one per application, made when it is first asked for
    /// (by `serve`, or a test that runs the server), from the configuration of that moment.
    static func install(on app: Application) {
        let made = NIOLockedValueBox<HTTPServer?>(nil)
        app.servers.use { app in
            made.withLockedValue { server in
                if let server { return server }
                let new = HTTPServer(application: app, responder: app.responder.current,
                                     configuration: app.http.server.configuration, on: group)
                server = new
                return new
            }
        }
    }
}

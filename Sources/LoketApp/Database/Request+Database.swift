// A request's database: a connection from the database loops, not from the request's own
// loop (HTTPServerLoops says why), with the request's logger so its queries carry the
// request id.

import Fluent
import Vapor

extension Request {
    var database: any Database {
        application.databases.database(logger: logger, on: application.eventLoopGroup.any())!
    }

    /// Fluent's `req.db` looks for a pool on the request's own loop, which the HTTP loops do
    /// not have: the server would stop at the first request that used it. Loket's code sees
    /// this one instead (a module's own member hides the imported one of the same name): the
    /// same as `database`, with a warning at each use.
    @available(*, deprecated, message: "use req.database: the HTTP loops have no database pools (HTTPServerLoops)")
    var db: any Database { database }
}

import Foundation
@testable import LoketApp
import Testing

@Suite("DATABASE_URL")
struct DatabaseChoiceTests {
    @Test("Parsing", arguments: [
        ("absent", nil, DatabaseChoice.sqlite(path: "loket.sqlite")),
        ("empty", "", .sqlite(path: "loket.sqlite")),
        ("an absolute SQLite path", "sqlite:///var/lib/loket/loket.sqlite", .sqlite(path: "/var/lib/loket/loket.sqlite")),
        ("a relative SQLite path", "sqlite://data/loket.sqlite", .sqlite(path: "data/loket.sqlite")),
        ("PostgreSQL", "postgres://u:p@db:5432/loket", .postgres(url: "postgres://u:p@db:5432/loket")),
        ("PostgreSQL, long scheme", "postgresql://db/loket", .postgres(url: "postgresql://db/loket")),
    ] as [(String, String?, DatabaseChoice)])
    func parse(_ name: String, _ value: String?, _ expected: DatabaseChoice) throws {
        #expect(try DatabaseChoice.from(environment: value) == expected, "\(name)")
    }

    @Test("Unknown schemes are refused without showing the password") func refused() {
        #expect {
            try DatabaseChoice.from(environment: "mysql://root:geheim@db/loket")
        } throws: { error in
            let text = "\(error)"
            return text.contains("must start with sqlite:// or postgres://") && !text.contains("geheim")
        }
        #expect(DatabaseChoice.postgres(url: "postgres://u:geheim@db/x").description == "PostgreSQL postgres://u:***@db/x")
    }
}

// The JSON Loket writes for integrators (API bodies, `--format json`): keys sorted, so two
// answers about the same data compare line by line; slashes as they are.

import Foundation

enum LoketJSON {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func data(_ value: some Encodable) throws -> Data { try encoder.encode(value) }

    static func string(_ value: some Encodable) throws -> String { String(decoding: try data(value), as: UTF8.self) }
}

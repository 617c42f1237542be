// Reading a nullable column the fast way. `decode(column:as: String?.self)` goes through the
// drivers' generic Decodable machinery (Optional is not a type they convert directly);
// asking for nil first and then for the plain type takes their direct conversion, which at
// a hundred thousand rows is a large part of a delivery's time.

import SQLKit

extension SQLRow {
    func optionalString(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : decode(column: column, as: String.self)
    }

    func optionalInt(_ column: String) throws -> Int? {
        try decodeNil(column: column) ? nil : decode(column: column, as: Int.self)
    }
}

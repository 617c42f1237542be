// The per-practice secret behind the LDO pre-pseudonym: an HMAC of the patient's id with
// this key gives an id that is stable across deliveries and cannot be traced back without
// the database (issue: LDO privacy).

import Crypto
import Foundation

enum PseudonymSecret {
    /// 32 random bytes, hex.
    static func make() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.hex
    }
}

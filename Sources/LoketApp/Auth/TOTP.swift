// Time-based one-time passwords (RFC 6238, on HOTP of RFC 4226): the six digits an
// authenticator app shows, from a shared secret and the time in steps of 30 seconds,
// HMAC-SHA1 as every common app uses. A code is accepted for its own step and the one
// before and after (clocks drift); a step once used is not accepted again (no replay).

import Crypto
import Foundation

enum TOTP {
    static let stepSeconds: Double = 30
    static let digits = 6

    /// The time step of `date` (RFC 6238 §4: T = floor((unix time − 0) / 30)).
    static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / stepSeconds).rounded(.down))
    }

    /// The code of `step` for `secret` (RFC 4226 §5.3: dynamic truncation).
    static func code(secret: [UInt8], step: Int64, digits: Int = digits) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The step `code` matches at `date` (the step itself, or one either side), if any and
    /// later than `lastUsed`.
    static func matchingStep(_ code: String, secret: [UInt8], at date: Date, after lastUsed: Int64?) -> Int64? {
        let typed = code.filter { !$0.isWhitespace }
        guard typed.count == digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        for s in [now, now - 1, now + 1] where s > (lastUsed ?? Int64.min) {
            if constantTimeEqual(Self.code(secret: secret, step: s), typed) { return s }
        }
        return nil
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// A new secret: 20 random bytes (160 bits, RFC 4226's recommendation).
    static func newSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// The link an authenticator app reads (the "Key Uri Format" of Google Authenticator,
    /// which every common app follows).
    static func link(secret: [UInt8], account: String) -> String {
        let label = "Loket:" + account
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "@.-_"))
        return "otpauth://totp/\(label.addingPercentEncoding(withAllowedCharacters: allowed.union([":"])) ?? label)"
            + "?secret=\(Base32.encode(secret))&issuer=Loket&algorithm=SHA1&digits=\(digits)&period=\(Int(stepSeconds))"
    }
}

/// RFC 4648 base32 without padding, as authenticator apps take a secret.
enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for b in bytes {
            buffer = (buffer << 8) | UInt32(b)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for c in text.uppercased().utf8 where c != UInt8(ascii: "=") && c != UInt8(ascii: " ") {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            buffer = (buffer << 5) | UInt32(v)
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> UInt32(bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return out
    }
}

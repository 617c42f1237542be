// The client's address for the audit log. Behind a reverse proxy the connection comes
// from the proxy; LOKET_TRUSTED_PROXIES names the proxies (addresses, comma-separated,
// e.g. "127.0.0.1,::1") whose X-Forwarded-For Loket believes. Only the rightmost entry
// counts: it is the one the trusted proxy itself added; entries left of it came from the
// client and can say anything. Without the setting the header is ignored.

import Vapor

struct TrustedProxies: Sendable {
    let addresses: Set<String>

    init(list: String?) {
        addresses = Set((list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// The client's address, given the connection's peer and the request's X-Forwarded-For.
    func client(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, addresses.contains(peer), let forwardedFor,
              let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
              !last.isEmpty, last.count <= 45, last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" })
        else { return peer }
        return last
    }
}

struct TrustedProxiesKey: StorageKey {
    typealias Value = TrustedProxies
}

extension Request {
    /// The client's address for the audit log (through a trusted proxy: the address it saw).
    var clientAddress: String? {
        let proxies = application.storage[TrustedProxiesKey.self] ?? TrustedProxies(list: nil)
        return proxies.client(peer: remoteAddress?.ipAddress, forwardedFor: headers.first(name: .xForwardedFor))
    }
}

// A bearer token for the JSON API, for one practice or (practice nil) for all. Stored as a
// SHA-256 hash: a leaked database does not leak working tokens.

import Crypto
import Fluent
import Foundation

final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @OptionalField(key: "practice_id") var practiceID: String?
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).hex
    }

    /// Creates a token; returns it with its secret, which is not stored and shown only now.
    static func create(name: String, practiceID: String?, actor: String, on db: any Database) async throws -> (APIToken, String) {
        let secret = "lkt_" + randomHex(bytes: 24)
        let token = APIToken()
        token.id = "tok_" + randomHex(bytes: 6)
        token.name = name
        token.practiceID = practiceID
        token.tokenHash = hash(secret)
        try await db.transaction { tx in
            try await token.create(on: tx)
            try await AuditChain.append(AuditEvent(actor: actor, practiceID: practiceID, action: .tokenCreate,
                                                   patientID: nil, detail: token.id, address: nil), on: tx)
        }
        return (token, secret)
    }

    static func revoke(id: String, actor: String, on db: any Database) async throws -> Bool {
        try await db.transaction { tx in
            guard let token = try await APIToken.find(id, on: tx), token.revokedAt == nil else { return false }
            token.revokedAt = Date()
            try await token.save(on: tx)
            try await AuditChain.append(AuditEvent(actor: actor, practiceID: token.practiceID, action: .tokenRevoke,
                                                   patientID: nil, detail: id, address: nil), on: tx)
            return true
        }
    }

    /// The active token with this secret, if any.
    static func authenticate(_ secret: String, on db: any Database) async throws -> APIToken? {
        try await APIToken.query(on: db).filter(\.$tokenHash == hash(secret)).filter(\.$revokedAt == nil).first()
    }
}

func randomHex(bytes: Int) -> String {
    var g = SystemRandomNumberGenerator()
    return (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &g) }.hex
}

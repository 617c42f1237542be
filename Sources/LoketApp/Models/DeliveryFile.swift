// One entry of the outbox: a delivery whose file must stand at `path` with these bytes.
// Made in the delivery's transaction; `writtenAt` is set once the file is durably there.

import Fluent
import Foundation

final class DeliveryFile: Model, @unchecked Sendable {
    static let schema = "delivery_files"

    @ID(custom: "delivery_id", generatedBy: .user) var id: String?
    /// "cbs" or "ldo": where the bytes are kept (Outbox.bytes).
    @Field(key: "registry") var registry: String
    /// The lock the delivery was made under; the file is written under it too.
    @Field(key: "lock_key") var lockKey: String
    /// Absolute.
    @Field(key: "path") var path: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int64
    @Field(key: "made_at") var madeAt: Date
    @OptionalField(key: "written_at") var writtenAt: Date?

    init() {}
}

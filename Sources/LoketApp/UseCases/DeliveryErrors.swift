// How a delivery use case fails, the same for both registries.

/// Refused before anything was recorded: the reason, in the words every entry point shows
/// (Dutch for the practice's own settings, English for an integrator's --output).
struct DeliveryRefused: Error, CustomStringConvertible {
    let description: String
}

/// The delivery was recorded, but its file could not be written yet (a full disk, a folder
/// gone); the outbox writes it on the next run (Outbox.finish).
struct DeliveryFileNotWritten<Delivery: Sendable>: Error, CustomStringConvertible {
    let delivery: Delivery
    let id: String
    let path: String
    let reason: String

    var description: String {
        "delivery \(id) is made, but \(path) could not be written yet (\(reason)); the next run of Loket writes it"
    }
}

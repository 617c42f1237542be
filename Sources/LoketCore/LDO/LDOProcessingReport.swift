// The processing report (verwerkingsverslag) PVM writes back into the practice's folder
// (spec/ldo.md §2 step 3, §3). [design] PVM's own report format is not public, so this is
// ours, version 1: a line format rather than XML, because FoundationXML's parser on Linux
// reports success on mismatched tags, and a line format gives exact line numbers in errors.
//
//   # comments and blank lines are ignored; lines may end in CRLF; fields split on `|`
//   VERSLAG|1                                  first line: format and version
//   AANLEVERING|<file name or id>              the delivery answered, once, before the rest
//   MELDING|<code>|<reason>                    about the whole delivery
//   EPISODE|<episode id>|GEACCEPTEERD          or AFGEKEURD; once per episode
//   VELD|<episode id>|<field>|<code>|<reason>  a rejected field or a warning, after its EPISODE
//   EINDE|<number of EPISODE lines>            last line: a cut-off file is an error, not a short report
//
// Codes are 4 digits. Starting with 2: fatal, the run stopped and the delivery is rejected.
// Starting with 3: a warning, the data were accepted with something dropped (3001: the BSN
// fails the elfproef, only the BSN is dropped). Otherwise: the field was rejected. The
// reason is the rest of the line and may itself contain `|`.

/// spec/ldo.md §2–§3 — PVM's answer to one delivery.
public struct LDOProcessingReport: Hashable, Sendable {
    /// A PVM message code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public enum Severity: String, Hashable, Sendable {
            /// 2xxx: the run stopped, the delivery is rejected.
            case fatal
            /// 3xxx: accepted, with something dropped.
            case warning
            /// Any other: the field is rejected.
            case error
        }

        /// The four digits.
        public let value: String

        public init?(_ raw: String) {
            guard raw.utf8.count == 4, raw.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
            value = raw
        }

        public var severity: Severity {
            switch value.first {
            case "2": .fatal
            case "3": .warning
            default: .error
            }
        }

        public var description: String { value }
    }

    /// A message about the delivery as a whole (MELDING).
    public struct Message: Hashable, Sendable {
        public var code: Code
        public var reason: String
    }

    /// A message about one field of one episode (VELD): a rejected field or a warning.
    public struct FieldMessage: Hashable, Sendable {
        public var field: String
        public var code: Code
        public var reason: String
    }

    /// PVM's verdict on one episode.
    public struct EpisodeResult: Hashable, Sendable {
        public enum Status: String, Hashable, Sendable {
            case accepted
            case rejected
        }

        public var episodeId: String
        public var status: Status
        /// Rejected fields (afgekeurde velden) and warnings, in report order.
        public var fields: [FieldMessage]

        public var rejectedFields: [FieldMessage] { fields.filter { $0.code.severity != .warning } }
        public var warnings: [FieldMessage] { fields.filter { $0.code.severity == .warning } }
    }

    public enum Status: String, Hashable, Sendable {
        /// PVM processed the delivery; episodes may still be rejected one by one.
        case processed
        /// A fatal (2xxx) code: nothing of this delivery was taken.
        case rejected
    }

    /// The delivery this report answers: the file name or id PVM names.
    public var deliveryReference: String
    /// Messages about the whole delivery.
    public var messages: [Message]
    /// Per episode, in report order.
    public var episodes: [EpisodeResult]
    private var index: [String: Int]

    public init(deliveryReference: String, messages: [Message], episodes: [EpisodeResult]) {
        self.deliveryReference = deliveryReference
        self.messages = messages
        self.episodes = episodes
        var index: [String: Int] = [:]
        for (i, e) in episodes.enumerated() where index[e.episodeId] == nil { index[e.episodeId] = i }
        self.index = index
    }

    /// Rejected when any code in the report, for the delivery or for a field, is fatal.
    public var status: Status {
        let fatal = messages.contains { $0.code.severity == .fatal }
            || episodes.contains { $0.fields.contains { $0.code.severity == .fatal } }
        return fatal ? .rejected : .processed
    }

    /// The verdict on one episode, if the report mentions it.
    public func result(forEpisode id: String) -> EpisodeResult? {
        index[id].map { episodes[$0] }
    }

    /// Whether the episode was accepted; false when rejected, not mentioned, or the whole
    /// delivery was rejected.
    public func isAccepted(episode id: String) -> Bool {
        status == .processed && result(forEpisode: id)?.status == .accepted
    }

    public var acceptedEpisodeIds: [String] { episodes.filter { $0.status == .accepted }.map(\.episodeId) }
    public var rejectedEpisodes: [EpisodeResult] { episodes.filter { $0.status == .rejected } }
}

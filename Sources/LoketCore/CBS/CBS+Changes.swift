// What a definitive delivery changes against the one before it for the same period
// (spec/cbs-jeugdhulp.md §1: a herlevering overwrites the earlier file, and records missing
// from it count as deleted). Records are matched by the protocol's key, BSN + datum aanvang
// + hulpvorm (§5); placeholder BSNs (999999999, 000000000) can share a key, so equal keys
// are paired in file order.

extension CBS {
    /// A record as it stands in a delivery file: each field's value, unpadded.
    public typealias FileRecord = [Field: String]

    /// The fields that identify a record (§5).
    public static let recordKey: [Field] = [.bsn, .startDate, .careType]

    public struct RecordChanges: Hashable, Sendable {
        public struct Change: Hashable, Sendable {
            public var before: FileRecord
            public var after: FileRecord
            /// The fields whose value differs, in protocol order.
            public var fields: [Field]
        }

        /// In the new file only.
        public var added: [FileRecord] = []
        /// In the earlier file only: CBS counts these as deleted.
        public var removed: [FileRecord] = []
        /// In both, with another value in at least one field.
        public var changed: [Change] = []
        /// In both, the same.
        public var unchanged = 0

        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
    }

    /// spec/cbs-jeugdhulp.md §1, §5 — the changes from `previous` to `current`, each list in
    /// the order of the file it comes from.
    public static func changes(from previous: [FileRecord], to current: [FileRecord]) -> RecordChanges {
        struct Key: Hashable {
            var values: [String]
            var occurrence: Int
        }
        func keyed(_ records: [FileRecord]) -> [(Key, FileRecord)] {
            var seen: [[String]: Int] = [:]
            return records.map { record in
                let values = recordKey.map { record[$0] ?? "" }
                let occurrence = seen[values, default: 0]
                seen[values] = occurrence + 1
                return (Key(values: values, occurrence: occurrence), record)
            }
        }
        let before = keyed(previous)
        let earlier = Dictionary(before, uniquingKeysWith: { a, _ in a })
        var changes = RecordChanges()
        var matched = Set<Key>()
        for (key, record) in keyed(current) {
            guard let old = earlier[key] else {
                changes.added.append(record)
                continue
            }
            matched.insert(key)
            let fields = Field.allCases.filter { (old[$0] ?? "") != (record[$0] ?? "") }
            if fields.isEmpty {
                changes.unchanged += 1
            } else {
                changes.changed.append(.init(before: old, after: record, fields: fields))
            }
        }
        changes.removed = before.filter { !matched.contains($0.0) }.map(\.1)
        return changes
    }
}

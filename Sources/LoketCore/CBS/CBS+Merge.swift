// Merging overlapping records (spec/cbs-jeugdhulp.md §5): one record per youngster per
// hulpvorm per plan, so records with the same BSN and hulpvorm that overlap in time become
// one, from the first start to the last end.
//
// What the merged record keeps: everything about how care *started* (datum aanvang,
// verwijzer, gestart met crisis) comes from the record that starts first; everything about
// how it *ended* (datum einde, reden beëindiging, the outcome) and the person's data
// (geboortedatum, geslacht, postcode: the most recent) come from the record that ends last,
// because an end reason or outcome only makes sense together with the end it belongs to.
// A record still running counts as ending last; on equal ends the later record wins.

extension CBS {
    /// Merges a stream of records sorted by (bsn, careType, start) — `Record.mergeOrder` —
    /// holding one record at a time, so a delivery of any size streams in constant memory.
    ///
    ///     var merger = CBS.RecordMerger()
    ///     for record in sorted { if let done = merger.add(record) { write(done) } }
    ///     if let last = merger.finish() { write(last) }
    public struct RecordMerger: Sendable {
        private var current: Record?

        public init() {}

        /// Takes the next record; returns the previous merged record once `record` shows it
        /// is complete (another youngster, another hulpvorm, or a gap in time).
        public mutating func add(_ record: Record) -> Record? {
            guard let open = current else {
                current = record
                return nil
            }
            if CBS.belongTogether(open, record) {
                current = CBS.merged(open, record)
                return nil
            }
            current = record
            return open
        }

        /// Ends the stream; returns the last merged record, if any.
        public mutating func finish() -> Record? {
            defer { current = nil }
            return current
        }
    }

    /// spec/cbs-jeugdhulp.md §5 — merges all records, in any order. Returns them in
    /// `Record.mergeOrder`.
    public static func merge(_ records: [Record]) -> [Record] {
        var merger = RecordMerger()
        var result: [Record] = []
        for record in records.sorted(by: Record.mergeOrder) {
            if let done = merger.add(record) { result.append(done) }
        }
        if let last = merger.finish() { result.append(last) }
        return result
    }

    /// spec/cbs-jeugdhulp.md §5 — two records are one plan when they have the same BSN and
    /// hulpvorm and share at least one day (a record ending on 31 March and one starting on
    /// 1 April are adjacent, not overlapping, and stay two).
    ///
    /// Placeholder BSNs (999999999 unknown, 000000000 unborn) never merge: they stand for
    /// *different* children whose BSN is not known, and merging them would fold the care of
    /// unrelated youngsters into one record and under-count them at CBS.
    public static func belongTogether(_ a: Record, _ b: Record) -> Bool {
        guard a.bsn == b.bsn, a.careType == b.careType, !isPlaceholderBSN(a.bsn) else { return false }
        return a.start <= (b.end ?? openEnd) && b.start <= (a.end ?? openEnd)
    }

    /// Whether `bsn` is one of CBS's placeholders rather than a person's number.
    public static func isPlaceholderBSN(_ bsn: String) -> Bool {
        bsn == BSN.unknownPlaceholder || bsn == BSN.unbornPlaceholder
    }

    /// The union of two records of one plan (see the file header for what each keeps).
    static func merged(_ a: Record, _ b: Record) -> Record {
        let first = b.start < a.start ? b : a
        let last = endsLater(b, than: a) ? b : a
        var result = last
        result.start = first.start
        result.referrer = first.referrer
        result.startedInCrisis = first.startedInCrisis
        return result
    }

    /// Whether `b` ends later than `a` or at the same time (nil = still running = latest).
    private static func endsLater(_ b: Record, than a: Record) -> Bool {
        (b.end ?? openEnd) >= (a.end ?? openEnd)
    }
}

extension CBS.Record {
    /// The order `RecordMerger` needs: by BSN, then hulpvorm, then datum aanvang. A query
    /// feeding the merger must sort on the *normalised* values the records carry (BSN
    /// without dots or spaces), or equal people end up apart.
    public static func mergeOrder(_ a: CBS.Record, _ b: CBS.Record) -> Bool {
        (a.bsn, a.careType, a.start) < (b.bsn, b.careType, b.start)
    }
}

/// Later than any real date: stands for "still running" when comparing ends.
private let openEnd = LocalDate(year: 9999, month: 12, day: 31)!

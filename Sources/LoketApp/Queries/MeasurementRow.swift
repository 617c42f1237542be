// A stored measurement as its columns: one reading of the `measurements` table for the
// episode page, the LDO record (LDOEpisodeQuery) and the export, each taking the form it
// needs (`value` for the rules, `dto()` for the exchange format).

import LoketCore

struct MeasurementRow: Identified, Sendable {
    var id: String, episode_id: String, instrument: String?, moment: String?, date: String?, score: Double?

    /// The columns every reading selects, in this order.
    static let columns = "id, episode_id, instrument, moment, date, score"

    init(_ r: DriverRow) throws {
        id = try r.required("id"); episode_id = try r.required("episode_id"); instrument = try r.string("instrument")
        moment = try r.string("moment"); date = try r.string("date"); score = try r.double("score")
    }

    /// As the LDO rules take it: a moment or date that does not parse is missing.
    var value: LDO.Measurement {
        LDO.Measurement(id: id, instrument: instrument, moment: moment.flatMap(LDO.MeasurementMoment.init(rawValue:)),
                        date: date.flatMap { LocalDate(iso: $0) }, score: score)
    }

    func dto() throws -> ExchangeDocument.Measurement {
        try .init(id: id, episodeId: episode_id, instrument: instrument, moment: moment,
                  date: date.map { try storedDate($0, "measurements", id) }, score: score)
    }
}

// The start page's model: each practice with its counts (HomePage+Query.swift reads them).

struct HomePage: Encodable, Equatable {
    struct PracticeLine: Encodable, Equatable {
        var id: String
        var name: String
        var ldoOptIn: Bool
        var hasCBSSettings: Bool
        var patients: Int
        var episodes: Int
        var openEpisodes: Int
        var treatments: Int
    }

    var practices: [PracticeLine]
}

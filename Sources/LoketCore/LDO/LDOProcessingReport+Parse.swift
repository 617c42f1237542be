// The parser for processing report format 1 (see LDOProcessingReport.swift). Pure: text in,
// report or a ParseError out that names the line and the problem, in Dutch for the UI.

extension LDOProcessingReport {
    /// What went wrong and on which line (1-based; 0 when it concerns the whole file).
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// A value of a line that may not be empty.
        public enum Part: Hashable, Sendable {
            case deliveryReference
            case episodeId
            case fieldName
        }

        public enum Problem: Hashable, Sendable {
            case notUTF8
            case empty
            case missingHeader(found: String)
            case unsupportedVersion(String)
            case unknownRecordType(String)
            case wrongFieldCount(recordType: String, expected: Int, found: Int)
            case emptyValue(Part)
            case invalidCode(String)
            case invalidEpisodeStatus(String)
            case duplicateDelivery
            case missingDelivery
            case duplicateEpisode(String)
            case fieldForUnknownEpisode(String)
            case invalidCount(String)
            case countMismatch(stated: Int, found: Int)
            case contentAfterEnd
            case missingEnd
        }

        public let line: Int
        public let problem: Problem

        /// Dutch, for the practice user: "Verwerkingsverslag, regel 4: …".
        public var description: String {
            line > 0 ? "Verwerkingsverslag, regel \(line): \(problem.dutch)" : "Verwerkingsverslag: \(problem.dutch)"
        }
    }

    /// Parses a report read from disk; it must be UTF-8 (a BOM is allowed).
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> LDOProcessingReport {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw ParseError(line: 0, problem: .notUTF8)
        }
        return try parse(text)
    }

    /// Parses a report (format 1).
    public static func parse(_ text: String) throws(ParseError) -> LDOProcessingReport {
        var sawHeader = false
        var reference: String?
        var messages: [Message] = []
        var episodes: [EpisodeResult] = []
        var positions: [String: Int] = [:]
        var endLine: Int?

        // CRLF is one Character in Swift, so splitting on newlines takes LF and CRLF alike.
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let n = i + 1
            if line.allSatisfy(\.isWhitespace) || line.first == "#" { continue }
            if endLine != nil { throw ParseError(line: n, problem: .contentAfterEnd) }

            let type = line.prefix { $0 != "|" }
            func fields(_ count: Int) throws(ParseError) -> [String] {
                // The last field takes the rest of the line, so a reason may contain `|`.
                let parts = line.split(separator: "|", maxSplits: count - 1, omittingEmptySubsequences: false)
                guard parts.count == count else {
                    throw ParseError(line: n, problem: .wrongFieldCount(recordType: String(type), expected: count,
                                                                        found: line.split(separator: "|", omittingEmptySubsequences: false).count))
                }
                return parts.map(String.init)
            }
            func value(_ s: String, _ name: ParseError.Part) throws(ParseError) -> String {
                guard let v = LDO.present(s) else { throw ParseError(line: n, problem: .emptyValue(name)) }
                return v
            }
            func code(_ s: String) throws(ParseError) -> Code {
                guard let c = Code(s.filter { !$0.isWhitespace }) else { throw ParseError(line: n, problem: .invalidCode(s)) }
                return c
            }

            guard sawHeader else {
                guard type == "VERSLAG" else { throw ParseError(line: n, problem: .missingHeader(found: String(line.prefix(40)))) }
                let f = try fields(2)
                guard LDO.present(f[1]) == "1" else { throw ParseError(line: n, problem: .unsupportedVersion(f[1])) }
                sawHeader = true
                continue
            }
            if type != "AANLEVERING" && type != "EINDE" && reference == nil {
                throw ParseError(line: n, problem: .missingDelivery)
            }
            switch type {
            case "AANLEVERING":
                let f = try fields(2)
                guard reference == nil else { throw ParseError(line: n, problem: .duplicateDelivery) }
                reference = try value(f[1], .deliveryReference)
            case "MELDING":
                let f = try fields(3)
                messages.append(Message(code: try code(f[1]), reason: LDO.present(f[2]) ?? ""))
            case "EPISODE":
                let f = try fields(3)
                let id = try value(f[1], .episodeId)
                guard positions[id] == nil else { throw ParseError(line: n, problem: .duplicateEpisode(id)) }
                let status: EpisodeResult.Status
                switch LDO.present(f[2]) {
                case "GEACCEPTEERD": status = .accepted
                case "AFGEKEURD": status = .rejected
                default: throw ParseError(line: n, problem: .invalidEpisodeStatus(f[2]))
                }
                positions[id] = episodes.count
                episodes.append(EpisodeResult(episodeId: id, status: status, fields: []))
            case "VELD":
                let f = try fields(5)
                let id = try value(f[1], .episodeId)
                guard let at = positions[id] else { throw ParseError(line: n, problem: .fieldForUnknownEpisode(id)) }
                let message = FieldMessage(field: try value(f[2], .fieldName), code: try code(f[3]),
                                           reason: LDO.present(f[4]) ?? "")
                episodes[at].fields.append(message)
            case "EINDE":
                let f = try fields(2)
                guard reference != nil else { throw ParseError(line: n, problem: .missingDelivery) }
                guard let stated = LDO.present(f[1]).flatMap({ Int($0) }), stated >= 0 else {
                    throw ParseError(line: n, problem: .invalidCount(f[1]))
                }
                guard stated == episodes.count else {
                    throw ParseError(line: n, problem: .countMismatch(stated: stated, found: episodes.count))
                }
                endLine = n
            default:
                throw ParseError(line: n, problem: .unknownRecordType(String(type.prefix(40))))
            }
        }

        guard sawHeader else { throw ParseError(line: 0, problem: .empty) }
        guard endLine != nil, let reference else { throw ParseError(line: 0, problem: .missingEnd) }
        return LDOProcessingReport(deliveryReference: reference, messages: messages, episodes: episodes)
    }
}

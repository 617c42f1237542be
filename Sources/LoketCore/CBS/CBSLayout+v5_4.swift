// Bestandsdefinitie 5.4 (2022–2023 data; spec/cbs-jeugdhulp.md §7), as we reconstruct it.
// [design] CBS's own column positions are not in any source we hold. Field order and the
// widths of the coded fields follow the protocol (§4: 9-digit BSN, JJJJMMDD dates, 2-digit
// codes, 6-character postcode); the record type markers and the widths of e-mail (60) and
// telefoonnummer (20) are our choice. Correct them here when the real definition is at hand.

extension CBSLayout {
    public static let v5_4 = CBSLayout(
        version: "5.4",
        years: 2022...2023,
        header: [
            .text(.constant("H"), title: "Recordtype", width: 1),
            .number(.field(.correspondenceNumber), title: CBS.HeaderField.correspondenceNumber.title, width: 10),
            .text(.field(.email), title: CBS.HeaderField.email.title, width: 60),
            .text(.field(.phone), title: CBS.HeaderField.phone.title, width: 20),
            .text(.field(.mirrorReportConsent), title: CBS.HeaderField.mirrorReportConsent.title, width: 1),
            .number(.field(.year), title: CBS.HeaderField.year.title, width: 4),
            .text(.field(.period), title: CBS.HeaderField.period.title, width: 3),
        ],
        record: [
            .text(.constant("D"), title: "Recordtype", width: 1),
            .number(.field(.bsn), title: CBS.Field.bsn.title, width: 9),
            .number(.field(.birthDate), title: CBS.Field.birthDate.title, width: 8),
            .text(.field(.sex), title: CBS.Field.sex.title, width: 1),
            .text(.field(.postcode), title: CBS.Field.postcode.title, width: 6),
            .number(.field(.referrer), title: CBS.Field.referrer.title, width: 2),
            .number(.field(.careType), title: CBS.Field.careType.title, width: 2),
            .number(.field(.startedInCrisis), title: CBS.Field.startedInCrisis.title, width: 2),
            .number(.field(.startDate), title: CBS.Field.startDate.title, width: 8),
            .number(.field(.endDate), title: CBS.Field.endDate.title, width: 8),
            .number(.field(.endReason), title: CBS.Field.endReason.title, width: 2),
            .number(.field(.youthSatisfaction), title: CBS.Field.youthSatisfaction.title, width: 2),
            .number(.field(.youthWithoutFurtherHelp), title: CBS.Field.youthWithoutFurtherHelp.title, width: 2),
            .number(.field(.parentSatisfaction), title: CBS.Field.parentSatisfaction.title, width: 2),
            .number(.field(.parentWithoutFurtherHelp), title: CBS.Field.parentWithoutFurtherHelp.title, width: 2),
        ],
        // CRLF: the file is uploaded by hand at a Windows-oriented portal and opened in
        // Windows tools; CRLF is what fixed-format ASCII files for Dutch registries use.
        lineEnding: "\r\n")
}

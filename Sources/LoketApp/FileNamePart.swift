// Ids come from imports and may hold anything; a file name (a download's header, a file in
// the PVM folder) gets only letters, digits, `-` and `_` of them.

import Foundation

func fileNamePart(_ id: String) -> String {
    String(id.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" })
}

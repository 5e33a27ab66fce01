/// Finds PEM blocks in user-pasted text, tolerating CRLF, indentation and text outside markers.
///
/// Role: first stage of every PEM parse; classification (which labels) happens in the callers.
/// Isolation: stateless.
enum PEMScanner {
    /// What went wrong while scanning.
    enum Failure: Error, Equatable {
        case missingEndMarker(label: String)
    }

    private static let begin = Array("-----BEGIN ".utf8)
    private static let dashes = Array("-----".utf8)

    /// Whether `bytes` contains a BEGIN marker at all.
    static func containsMarker(_ bytes: [UInt8]) -> Bool {
        self.find(self.begin, in: bytes, from: 0) != nil
    }

    /// Every block in order of appearance.
    /// - Throws: ``Failure/missingEndMarker(label:)`` when a BEGIN has no matching END.
    static func blocks(in input: [UInt8]) throws(Failure) -> [PEMBlock] {
        let bytes = input.contains(UInt8(ascii: "\r")) ? input.filter { $0 != UInt8(ascii: "\r") } : input
        var result: [PEMBlock] = []
        var cursor = 0
        while let beginAt = self.find(self.begin, in: bytes, from: cursor) {
            let labelStart = beginAt + self.begin.count
            guard let labelEnd = self.find(self.dashes, in: bytes, from: labelStart),
                !bytes[labelStart..<labelEnd].contains(UInt8(ascii: "\n"))
            else {
                let label = String(decoding: bytes[labelStart..<min(bytes.count, labelStart + 40)], as: UTF8.self)
                throw .missingEndMarker(label: label.split(separator: "\n").first.map(String.init) ?? label)
            }
            let label = String(decoding: bytes[labelStart..<labelEnd], as: UTF8.self)
            let bodyStart = labelEnd + self.dashes.count
            let endMarker = Array("-----END \(label)-----".utf8)
            guard let endAt = self.find(endMarker, in: bytes, from: bodyStart) else {
                throw .missingEndMarker(label: label)
            }
            // A second BEGIN before our END means this block was cut off.
            if let nextBegin = self.find(self.begin, in: bytes, from: bodyStart), nextBegin < endAt {
                throw .missingEndMarker(label: label)
            }
            let blockEnd = endAt + endMarker.count
            var body = bytes[bodyStart..<endAt]
            var headers: [String: String] = [:]
            if body.contains(UInt8(ascii: ":")) {
                // RFC 1421 headers (legacy encrypted keys): `Name: value` lines, then a blank line.
                var lineStart = body.startIndex
                var sawHeader = false
                while lineStart < body.endIndex {
                    let lineEnd = body[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
                    let next = min(lineEnd + 1, body.endIndex)
                    let line = String(decoding: body[lineStart..<lineEnd], as: UTF8.self).trimmingCharacters(in: " \t")
                    if line.isEmpty {
                        lineStart = next
                        if sawHeader { break } else { continue }
                    }
                    guard let colon = line.firstIndex(of: ":") else { break }
                    headers[String(line[..<colon])] = String(line[line.index(after: colon)...])
                        .trimmingCharacters(in: " \t")
                    sawHeader = true
                    lineStart = next
                }
                if sawHeader { body = bytes[lineStart..<endAt] }
            }
            result.append(PEMBlock(label: label, headers: headers, body: body))
            cursor = blockEnd
        }
        return result
    }

    /// ``blocks(in:)`` with a missing END marker reported as the field's ``CertificateError``.
    static func blocks(in input: [UInt8], field: InputField) throws(CertificateError) -> [PEMBlock] {
        do {
            return try self.blocks(in: input)
        } catch {
            switch error {
            case .missingEndMarker(let label): throw .missingEndMarker(field: field, label: label)
            }
        }
    }

    /// Index of the first occurrence of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Wraps DER in PEM with 64-column base64 lines.
    static func encode(_ der: [UInt8], label: String) -> String {
        let encoded = Base64.encode(der)
        var out = "-----BEGIN \(label)-----\n"
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let next = encoded.index(index, offsetBy: 64, limitedBy: encoded.endIndex) ?? encoded.endIndex
            out += encoded[index..<next]
            out += "\n"
            index = next
        }
        out += "-----END \(label)-----\n"
        return out
    }
}

extension String {
    /// Trims the given ASCII characters from both ends (Foundation-free).
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

import Foundation

/// Validation and normalisation of the user-chosen labels of entries: names, tags, resource groups.
///
/// Role: every label is NFC-normalised before it is stored or compared, so names that look the
/// same are the same, and the store's byte comparisons agree with what users see.
/// Isolation: stateless.
enum EntryLabels {
    static func name(_ raw: String, field: String = "name") throws(DomainError) -> String {
        let name = raw.precomposedStringWithCanonicalMapping
        guard (1...128).contains(name.count), name.trimmingCharacters(in: .whitespaces) == name, !self.hasControl(name)
        else {
            throw .invalidArgument(
                field: field, detail: "1-128 characters, no control characters or surrounding spaces")
        }
        return name
    }

    static func resourceGroup(_ raw: String) throws(DomainError) -> String {
        let group = raw.precomposedStringWithCanonicalMapping
        guard group.count <= 128, !self.hasControl(group) else {
            throw .invalidArgument(field: "resourceGroup", detail: "at most 128 characters, no control characters")
        }
        return group
    }

    static func tags(_ raw: [String: String]) throws(DomainError) -> [String: String] {
        var tags: [String: String] = [:]
        for (rawKey, rawValue) in raw {
            tags[try self.tagKey(rawKey)] = try self.tagValue(rawValue)
        }
        guard tags.count <= 50 else { throw .invalidArgument(field: "tags", detail: "at most 50 tags") }
        return tags
    }

    static func tagKey(_ raw: String) throws(DomainError) -> String {
        let key = raw.precomposedStringWithCanonicalMapping
        guard (1...128).contains(key.count), !self.hasControl(key), !key.contains("=") else {
            throw .invalidArgument(field: "tags", detail: "tag keys: 1-128 characters, no '=' or control characters")
        }
        return key
    }

    static func tagValue(_ raw: String) throws(DomainError) -> String {
        let value = raw.precomposedStringWithCanonicalMapping
        guard value.count <= 256, !self.hasControl(value) else {
            throw .invalidArgument(field: "tags", detail: "tag values: at most 256 characters, no control characters")
        }
        return value
    }

    private static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

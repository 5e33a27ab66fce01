/// `--tag K=V` values turned into a tag map.
///
/// Role: one parser for every command that sets tags (`cert upload`, `cert update`, `cert list`).
/// Isolation: a namespace of pure functions.
enum TagList {
    /// Parses `K=V` pairs; the value may be empty and may contain `=`, the key may not be empty.
    /// - Parameter pairs: the `--tag` values in order; a later key overwrites an earlier one.
    /// - Returns: the tags.
    /// - Throws: ``CertctlError/invalidArgument(_:)`` for a pair without `=` or with an empty key.
    static func parse(_ pairs: [String]) throws(CertctlError) -> [String: String] {
        var tags: [String: String] = [:]
        for pair in pairs {
            let (key, value) = try Self.parse(pair)
            tags[key] = value
        }
        return tags
    }

    /// Parses one `K=V` pair.
    static func parse(_ pair: String) throws(CertctlError) -> (key: String, value: String) {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
            throw .invalidArgument("--tag \(pair): expected KEY=VALUE, e.g. --tag env=prod")
        }
        return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
    }
}

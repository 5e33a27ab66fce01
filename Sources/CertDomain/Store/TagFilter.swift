/// A tag filter: the entry has tag `key` with exactly `value`.
public struct TagFilter: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

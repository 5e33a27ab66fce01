/// A disagreement between stored records and their indexes, found by
/// ``LMDBInventoryStore/checkConsistency()``.
///
/// Keys are shown as UTF-8 when printable, hex otherwise.
public enum Inconsistency: Sendable, Equatable, CustomStringConvertible {
    /// A record's value could not be decoded.
    case undecodableRecord(table: String, key: String)
    /// A record is stored under a key other than its own id (or sequence).
    case recordKeyMismatch(table: String, key: String)
    /// A record lacks one of the index entries it should have (or the entry names another record).
    case missingIndexEntry(index: String, key: String, recordID: String)
    /// An index entry points to no record, or to a record that would not produce it.
    case danglingIndexEntry(index: String, key: String)
    /// The audit log skips or repeats a sequence number.
    case auditSequenceGap(expected: UInt64, found: UInt64)

    public var description: String {
        switch self {
        case .undecodableRecord(let table, let key): return "\(table)[\(key)]: undecodable record"
        case .recordKeyMismatch(let table, let key): return "\(table)[\(key)]: record stored under another key"
        case .missingIndexEntry(let index, let key, let recordID):
            return "\(index)[\(key)]: missing entry for \(recordID)"
        case .danglingIndexEntry(let index, let key): return "\(index)[\(key)]: entry without matching record"
        case .auditSequenceGap(let expected, let found): return "audit: expected sequence \(expected), found \(found)"
        }
    }
}

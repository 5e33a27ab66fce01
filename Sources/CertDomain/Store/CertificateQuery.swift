public import Foundation

/// One page request over an account's certificate entries: filters, sort order, page size, cursor.
///
/// Role: built by the domain (which fills `owner` from the caller and `now` from its clock) and
/// answered by ``InventoryReader/listCertificates(_:)``. The semantics below are the contract; the
/// in-memory store implements them literally with ``matches(_:)`` and ``sortPrecedes(_:_:)`` and the
/// LMDB store must return the same pages (it may use any index to narrow the scan, then apply
/// ``matches(_:)`` to what remains).
///
/// Filters (all given filters must hold; nil means "no filter"):
/// - `owner`: `entry.ownerAccountID == owner`. Always set.
/// - `source`: `entry.source == source`. Index: (owner, source).
/// - `expiry`: compares whole Unix seconds: `n = now.unixSeconds`, `a = details.notAfter.unixSeconds`,
///   `w = days * 86_400`. See ``ExpiryFilter`` for each case; ``notAfterBounds`` gives the inclusive
///   range of `a` for the (owner, notAfter) index.
/// - `tag`: `entry.tags[tag.key] == tag.value` (byte equality). Index: (owner, key, value).
/// - `resourceGroup`: `entry.resourceGroup == resourceGroup` (byte equality; "" selects entries
///   without a group). Index: (owner, resourceGroup).
/// - `keyAlgorithm`: `details.keyAlgorithm == keyAlgorithm`.
/// - `text`: the query text and each candidate are lowercased with `String.lowercased()`; the entry
///   matches when the text's UTF-8 bytes occur contiguously in the UTF-8 bytes of `name`, of
///   `details.commonName`, or of any of `details.sans`. Empty text matches everything. (A scan, not an
///   index: combine it with an indexed filter for speed.)
///
/// Order: by the sort key of ``CertificateSort/Field`` then by id (byte order), ascending; descending
/// is exactly the reverse sequence. Page: the first `limit` matching entries strictly after `after`
/// in that order. ``CertificatePage/next`` is the cursor of the page's last entry when at least one
/// more matching entry follows it, nil otherwise. Because a cursor holds the sort key and id of the
/// last entry seen (not an offset), pages stay correct while others insert and delete: every entry
/// present for the whole walk is returned exactly once.
/// Isolation: a value type.
public struct CertificateQuery: Sendable, Equatable {
    public var owner: AccountID
    /// The instant expiry filters are evaluated at.
    public var now: Date
    public var source: CertificateSource?
    public var expiry: ExpiryFilter?
    public var tag: TagFilter?
    public var resourceGroup: String?
    public var keyAlgorithm: KeyFamily?
    public var text: String?
    public var sort: CertificateSort
    /// 1...1000 (the domain clamps).
    public var limit: Int
    /// Continue strictly after this entry; nil for the first page.
    public var after: CertificateCursor?

    public init(
        owner: AccountID,
        now: Date,
        source: CertificateSource? = nil,
        expiry: ExpiryFilter? = nil,
        tag: TagFilter? = nil,
        resourceGroup: String? = nil,
        keyAlgorithm: KeyFamily? = nil,
        text: String? = nil,
        sort: CertificateSort = CertificateSort(field: .notAfter, order: .ascending),
        limit: Int = 100,
        after: CertificateCursor? = nil
    ) {
        self.owner = owner
        self.now = now
        self.source = source
        self.expiry = expiry
        self.tag = tag
        self.resourceGroup = resourceGroup
        self.keyAlgorithm = keyAlgorithm
        self.text = text
        self.sort = sort
        self.limit = limit
        self.after = after
    }

    /// The largest page the domain asks for.
    public static let maximumLimit = 1000
}

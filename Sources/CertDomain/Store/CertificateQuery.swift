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

/// An expiry-status filter. With `n = now.unixSeconds`, `a = notAfter.unixSeconds`, `w = days * 86_400`:
public enum ExpiryFilter: Sendable, Hashable {
    /// `a < n`: the certificate has expired.
    case expired
    /// `a >= n`: not expired (valid or expiring soon).
    case notExpired
    /// `n <= a && a <= n + w`: not expired, and expires within `days` days.
    case expiringWithin(days: Int)
    /// `a > n + w`: valid beyond `days` days; `.validBeyond(days: 30)` is the listing's `valid` status.
    case validBeyond(days: Int)
}

/// A tag filter: the entry has tag `key` with exactly `value`.
public struct TagFilter: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// How a listing is ordered.
public struct CertificateSort: Sendable, Hashable {
    /// The primary sort key (ties broken by id).
    public enum Field: UInt8, Sendable, Hashable, CaseIterable {
        /// `details.notAfter.unixSeconds`. Index: (owner, notAfter, id).
        case notAfter = 1
        /// `name`, byte order. Index: (owner, name) (names are unique per owner).
        case name = 2
        /// `createdAt.unixMilliseconds`. Index: (owner, createdAt, id).
        case createdAt = 3
    }

    public enum Order: UInt8, Sendable, Hashable, CaseIterable {
        case ascending = 1
        case descending = 2
    }

    public var field: Field
    public var order: Order

    public init(field: Field, order: Order) {
        self.field = field
        self.order = order
    }
}

/// The expiry status of one certificate at an instant, as listings show it.
public enum CertificateStatus: String, Sendable, Hashable, CaseIterable {
    case valid
    case expiringSoon
    case expired

    /// The window of `expiringSoon`, in days.
    public static let expiringSoonDays = 30

    /// The status of a certificate that ends at `notAfter`, seen at `now` (whole seconds, as
    /// ``ExpiryFilter``): expired when `a < n`, expiringSoon when `a <= n + 30 days`, else valid.
    public init(notAfter: Date, now: Date) {
        let a = notAfter.unixSeconds
        let n = now.unixSeconds
        if a < n {
            self = .expired
        } else if a <= n + Int64(Self.expiringSoonDays) * 86_400 {
            self = .expiringSoon
        } else {
            self = .valid
        }
    }
}

import Foundation

extension CertificateQuery {
    /// The inclusive range of `details.notAfter.unixSeconds` the expiry filter admits, for scanning
    /// the (owner, notAfter) index; `nil` bounds are open. Both nil when there is no expiry filter.
    public var notAfterBounds: (lower: Int64?, upper: Int64?) {
        let n = self.now.unixSeconds
        switch self.expiry {
        case nil: return (nil, nil)
        case .expired: return (nil, n - 1)
        case .notExpired: return (n, nil)
        case .expiringWithin(let days): return (n, n + Self.windowSeconds(days))
        case .validBeyond(let days): return (n + Self.windowSeconds(days) + 1, nil)
        }
    }

    /// Whether `entry` passes every filter (owner included). Cursor and limit are not applied.
    /// - Parameter entry: a candidate entry.
    /// - Returns: true when it belongs in the result set.
    public func matches(_ entry: CertificateEntry) -> Bool {
        guard entry.ownerAccountID == self.owner else { return false }
        if let source = self.source, entry.source != source { return false }
        if let keyAlgorithm = self.keyAlgorithm, entry.details.keyAlgorithm != keyAlgorithm { return false }
        if self.expiry != nil {
            let a = entry.details.notAfter.unixSeconds
            let bounds = self.notAfterBounds
            if let lower = bounds.lower, a < lower { return false }
            if let upper = bounds.upper, a > upper { return false }
        }
        if let tag = self.tag {
            guard let value = entry.tags.first(where: { $0.key.utf8.elementsEqual(tag.key.utf8) })?.value,
                value.utf8.elementsEqual(tag.value.utf8)
            else { return false }
        }
        if let group = self.resourceGroup, !entry.resourceGroup.utf8.elementsEqual(group.utf8) { return false }
        if let text = self.text, !text.isEmpty {
            let needle = Array(text.lowercased().utf8)
            let candidates = [entry.name] + (entry.details.commonName.map { [$0] } ?? []) + entry.details.sans
            guard candidates.contains(where: { Self.bytes(Array($0.lowercased().utf8), contain: needle) }) else {
                return false
            }
        }
        return true
    }

    /// Whether `lhs` comes strictly before `rhs` in this query's order (sort key, then id; reversed
    /// entirely for descending). Entries with the same id compare equal.
    public func sortPrecedes(_ lhs: CertificateEntry, _ rhs: CertificateEntry) -> Bool {
        self.sortPrecedes(
            CertificateCursor(entry: lhs, field: self.sort.field), CertificateCursor(entry: rhs, field: self.sort.field)
        )
    }

    /// Whether position `lhs` comes strictly before `rhs` in this query's order.
    public func sortPrecedes(_ lhs: CertificateCursor, _ rhs: CertificateCursor) -> Bool {
        let ascending = lhs.ascendingPrecedes(rhs)
        switch self.sort.order {
        case .ascending: return ascending
        case .descending: return rhs.ascendingPrecedes(lhs)
        }
    }

    /// Whether `entry` lies strictly after the query's cursor (always true without one).
    public func isAfterCursor(_ entry: CertificateEntry) -> Bool {
        guard let after = self.after else { return true }
        return self.sortPrecedes(after, CertificateCursor(entry: entry, field: self.sort.field))
    }

    static func windowSeconds(_ days: Int) -> Int64 { Int64(max(0, days)) * 86_400 }

    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == needle[0] && haystack[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }
}

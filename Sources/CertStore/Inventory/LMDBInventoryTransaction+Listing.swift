import CertDomain
import Foundation

/// Certificate listings and counts, answered from the indexes.
///
/// Strategy (semantics are always the port's: every candidate passes `query.matches` and
/// `query.isAfterCursor`, so the index only narrows, never decides):
/// - sort by notAfter: one ordered range scan of the most selective index that ends in (notAfter, id):
///   tag, else resource group, else source, else (owner, notAfter). The expiry bounds become the range;
///   the page token becomes the resume key. Stops after `limit + 1` matches.
/// - sort by name or createdAt with a tag or resource-group filter matching fewer than `gatherLimit`
///   entries (counted on index keys only): load those candidates and sort them in memory.
/// - sort by name or createdAt otherwise: ordered scan of (owner, name) or (owner, createdAt) with the
///   filters applied to each record (a frequent filter fills a page quickly).
extension LMDBInventoryTransaction {
    private struct ScanPlan {
        var database: LMDBDatabase
        var range: LMDBKeyRange
        var direction: LMDBScanDirection
        var resumeAfter: [UInt8]?
    }

    func listCertificates(_ query: CertificateQuery) throws -> CertificatePage {
        let limit = max(1, query.limit)
        var matches: [CertificateEntry] = []
        if let plan = self.scanPlan(query) {
            try self.storage {
                try self.transaction.scan(
                    plan.database, range: plan.range, direction: plan.direction, resumeAfter: plan.resumeAfter
                ) {
                    _,
                    value in
                    guard let entry = try self.certificate(idBytes: Array(value)) else { return true }
                    if query.matches(entry) && query.isAfterCursor(entry) {
                        matches.append(entry)
                    }
                    return matches.count <= limit
                }
            }
        } else {
            matches = try self.gatherCandidates(query).filter { query.matches($0) && query.isAfterCursor($0) }
            matches.sort { query.sortPrecedes($0, $1) }
        }
        if matches.count > limit {
            let page = Array(matches.prefix(limit))
            return CertificatePage(
                entries: page, next: CertificateCursor(entry: page[limit - 1], field: query.sort.field))
        }
        return CertificatePage(entries: matches, next: nil)
    }

    private func scanPlan(_ query: CertificateQuery) -> ScanPlan? {
        if let after = query.after, after.field != query.sort.field {
            return nil
        }
        let owner = query.owner.rawValue
        let direction: LMDBScanDirection = query.sort.order == .ascending ? .forward : .reverse
        switch query.sort.field {
        case .notAfter:
            var prefix = StoreKey()
            prefix.append(owner)
            let database: LMDBDatabase
            if let tag = query.tag {
                prefix.append(tag.key)
                prefix.append(tag.value)
                database = self.tables.certsByOwnerTag
            } else if let group = query.resourceGroup {
                prefix.append(group)
                database = self.tables.certsByOwnerResourceGroup
            } else if let source = query.source {
                prefix.append(source.rawValue)
                database = self.tables.certsByOwnerSource
            } else {
                database = self.tables.certsByOwnerNotAfter
            }
            let bounds = query.notAfterBounds
            var lower = prefix
            lower.append(bounds.lower ?? Int64.min)
            var upper: [UInt8]?
            if let upperBound = bounds.upper, upperBound < Int64.max {
                var key = prefix
                key.append(upperBound + 1)
                upper = key.bytes
            } else {
                upper = LMDBKeyRange.successor(of: prefix.bytes)
            }
            var resume: [UInt8]?
            if let after = query.after, case .integer(let seconds) = after.key {
                var key = prefix
                key.append(seconds)
                key.append(after.id.rawValue)
                resume = key.bytes
            }
            return ScanPlan(
                database: database, range: LMDBKeyRange(lower: lower.bytes, upper: upper), direction: direction,
                resumeAfter: resume)
        case .createdAt, .name:
            if let filterPrefix = self.filterIndexPrefix(query),
                self.countEntries(filterPrefix.database, prefix: filterPrefix.prefix, upTo: self.gatherLimit)
                    < self.gatherLimit
            {
                return nil
            }
            let prefix = StoreKey.strings(owner)
            if query.sort.field == .createdAt {
                var resume: [UInt8]?
                if let after = query.after, case .integer(let milliseconds) = after.key {
                    var key = StoreKey()
                    key.append(owner)
                    key.append(milliseconds)
                    key.append(after.id.rawValue)
                    resume = key.bytes
                }
                return ScanPlan(
                    database: self.tables.certsByOwnerCreatedAt, range: LMDBKeyRange(prefix: prefix),
                    direction: direction, resumeAfter: resume)
            }
            // Names are unique per owner, but the cursor's name may since belong to another id: resume
            // inclusively at the name and let `isAfterCursor` decide about the entry there.
            var range = LMDBKeyRange(prefix: prefix)
            if let after = query.after, case .string(let name) = after.key {
                let nameKey = StoreKey.strings(owner, name)
                if direction == .forward {
                    range.lower = nameKey
                } else {
                    range.upper = nameKey + [0]
                }
            }
            return ScanPlan(
                database: self.tables.certsByOwnerName, range: range, direction: direction, resumeAfter: nil)
        }
    }

    /// The tag or resource-group index range of `query`, if it has such a filter.
    private func filterIndexPrefix(_ query: CertificateQuery) -> (database: LMDBDatabase, prefix: [UInt8])? {
        let owner = query.owner.rawValue
        if let tag = query.tag {
            return (self.tables.certsByOwnerTag, StoreKey.strings(owner, tag.key, tag.value))
        }
        if let group = query.resourceGroup {
            return (self.tables.certsByOwnerResourceGroup, StoreKey.strings(owner, group))
        }
        return nil
    }

    /// Counts the index entries under `prefix`, stopping at `limit` (keys only; no record is read).
    private func countEntries(_ database: LMDBDatabase, prefix: [UInt8], upTo limit: Int) -> Int {
        var count = 0
        // A failed count only changes the plan, never the result: fall back to the ordered scan.
        _ = try? self.transaction.scan(database, range: LMDBKeyRange(prefix: prefix)) { _, _ in
            count += 1
            return count < limit
        }
        return count
    }

    /// Candidates for an in-memory sort: the tag's or group's index entries, else every entry of the owner.
    private func gatherCandidates(_ query: CertificateQuery) throws -> [CertificateEntry] {
        let ids: [[UInt8]]
        if let filter = self.filterIndexPrefix(query) {
            ids = try self.indexValues(filter.database, prefix: filter.prefix)
        } else {
            ids = try self.indexValues(self.tables.certsByOwner, prefix: StoreKey.strings(query.owner.rawValue))
        }
        return try ids.compactMap { try self.certificate(idBytes: $0) }
    }

    func countCertificates(owner: AccountID, now: Date) throws -> CertificateSummary {
        let n = now.unixSeconds
        let day: Int64 = 86_400
        var summary = CertificateSummary()
        let prefix = StoreKey.strings(owner.rawValue)
        try self.storage {
            try self.transaction.scan(self.tables.certsByOwnerNotAfter, range: LMDBKeyRange(prefix: prefix)) { key, _ in
                guard key.count >= prefix.count + 8 else { return true }
                var bits: UInt64 = 0
                for index in prefix.count..<prefix.count + 8 {
                    bits = bits << 8 | UInt64(key[index])
                }
                let notAfter = Int64(bitPattern: bits ^ (1 << 63))
                summary.total += 1
                if notAfter < n {
                    summary.expired += 1
                } else {
                    if notAfter <= n + 30 * day { summary.expiringWithin30 += 1 } else { summary.valid += 1 }
                    if notAfter <= n + 60 * day { summary.expiringWithin60 += 1 }
                    if notAfter <= n + 90 * day { summary.expiringWithin90 += 1 }
                }
                return true
            }
            for source in CertificateSource.allCases {
                var count = 0
                try self.transaction.scan(
                    self.tables.certsByOwnerSource,
                    range: LMDBKeyRange(prefix: StoreKey.strings(owner.rawValue, source.rawValue))
                ) { _, _ in
                    count += 1
                    return true
                }
                if count > 0 {
                    summary.bySource[source] = count
                }
            }
        }
        return summary
    }
}

import CertDomain

/// One secondary-index entry a certificate record owns: which index, which key; the value is the id.
///
/// Role: computed from a record whenever it is written, replaced or deleted, and by the consistency
/// checker, so writer and checker agree on what "all its index entries" means.
/// Isolation: a value type.
struct CertificateIndexEntry: Equatable {
    let database: LMDBDatabase
    let key: [UInt8]

    /// Every index entry of `entry`, in `InventoryTables.certificateIndexes` order (tags last-per-index).
    static func all(for entry: CertificateEntry, tables: InventoryTables) -> [CertificateIndexEntry] {
        let owner = entry.ownerAccountID.rawValue
        let id = entry.id.rawValue
        let notAfter = entry.details.notAfter.unixSeconds
        var entries: [CertificateIndexEntry] = []
        entries.reserveCapacity(8 + entry.tags.count)

        var byOwner = StoreKey()
        byOwner.append(owner)
        byOwner.append(id)
        entries.append(CertificateIndexEntry(database: tables.certsByOwner, key: byOwner.bytes))

        entries.append(
            CertificateIndexEntry(database: tables.certsByOwnerName, key: Self.nameKey(owner: owner, name: entry.name)))

        var byNotAfter = StoreKey()
        byNotAfter.append(owner)
        byNotAfter.append(notAfter)
        byNotAfter.append(id)
        entries.append(CertificateIndexEntry(database: tables.certsByOwnerNotAfter, key: byNotAfter.bytes))

        var byCreated = StoreKey()
        byCreated.append(owner)
        byCreated.append(entry.createdAt.unixMilliseconds)
        byCreated.append(id)
        entries.append(CertificateIndexEntry(database: tables.certsByOwnerCreatedAt, key: byCreated.bytes))

        for (tagKey, tagValue) in entry.tags {
            var byTag = StoreKey()
            byTag.append(owner)
            byTag.append(tagKey)
            byTag.append(tagValue)
            byTag.append(notAfter)
            byTag.append(id)
            entries.append(CertificateIndexEntry(database: tables.certsByOwnerTag, key: byTag.bytes))
        }

        var byGroup = StoreKey()
        byGroup.append(owner)
        byGroup.append(entry.resourceGroup)
        byGroup.append(notAfter)
        byGroup.append(id)
        entries.append(CertificateIndexEntry(database: tables.certsByOwnerResourceGroup, key: byGroup.bytes))

        var bySource = StoreKey()
        bySource.append(owner)
        bySource.append(entry.source.rawValue)
        bySource.append(notAfter)
        bySource.append(id)
        entries.append(CertificateIndexEntry(database: tables.certsByOwnerSource, key: bySource.bytes))

        var byFingerprint = StoreKey()
        byFingerprint.append(owner)
        byFingerprint.append(entry.details.fingerprintSHA256)
        byFingerprint.append(id)
        entries.append(CertificateIndexEntry(database: tables.certsByOwnerFingerprint, key: byFingerprint.bytes))
        return entries
    }

    /// The unique (owner, name) key.
    static func nameKey(owner: String, name: String) -> [UInt8] {
        StoreKey.strings(owner, name)
    }
}

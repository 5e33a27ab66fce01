public import Foundation

/// Read access to one consistent snapshot of the inventory.
///
/// Role: handed to ``InventoryStore/read(_:)`` and (as part of ``InventoryWriter``) to write bodies.
/// Not `Sendable`: it lives only inside the body it was handed to.
/// Conventions: not found is `nil` (or an empty list), never an error; a thrown error means the store
/// failed (``InventoryStoreError``). "Byte order" below means lexicographic order of UTF-8 bytes (what
/// LMDB's default key comparison gives), and string equality means equal UTF-8 bytes.
public protocol InventoryReader {
    // MARK: Accounts

    /// The account with `id`, if any.
    func account(id: AccountID) throws -> Account?

    /// The account whose `clientCertificateFingerprints` contains `fingerprint` (exact bytes), if any.
    func account(byClientFingerprint fingerprint: String) throws -> Account?

    /// Accounts in byte order of id, starting strictly after `after` (from the first when nil),
    /// at most `limit` (>= 1).
    func listAccounts(after: AccountID?, limit: Int) throws -> [Account]

    // MARK: Certificates

    /// The certificate entry with `id`, whoever owns it (authorization is the domain's job).
    func certificate(id: CertificateID) throws -> CertificateEntry?

    /// The entry of `owner` named exactly `name` (byte equality), if any.
    func certificate(owner: AccountID, name: String) throws -> CertificateEntry?

    /// Every entry of `owner` whose `details.fingerprintSHA256` equals `fingerprintSHA256`, in byte
    /// order of id.
    func certificates(owner: AccountID, fingerprintSHA256: String) throws -> [CertificateEntry]

    /// The ids of ``certificates(owner:fingerprintSHA256:)``, in the same order, without reading
    /// the entries (an upload reports them; a store with an index answers from the index alone).
    func certificateIDs(owner: AccountID, fingerprintSHA256: String) throws -> [CertificateID]

    /// One page of `query.owner`'s entries that match every filter of `query`, in `query.sort`
    /// order, strictly after `query.after`. See ``CertificateQuery`` for the exact semantics.
    func listCertificates(_ query: CertificateQuery) throws -> CertificatePage

    /// Counts of `owner`'s entries by expiry status at `now` and by source. See ``CertificateSummary``.
    func countCertificates(owner: AccountID, now: Date) throws -> CertificateSummary

    // MARK: CSRs

    /// The CSR entry with `id`, whoever owns it.
    func csr(id: CSRID) throws -> CSREntry?

    /// `owner`'s CSRs in byte order of id, strictly after `after`, at most `limit` (>= 1).
    func listCSRs(owner: AccountID, after: CSRID?, limit: Int) throws -> [CSREntry]

    // MARK: Audit

    /// Events matching `query`, newest first (descending sequence). See ``AuditQuery``.
    func auditEvents(_ query: AuditQuery) throws -> [AuditEvent]

    /// Events with `sequence >= from`, oldest first, at most `limit` (>= 1): the chain-verification walk.
    func auditEvents(fromSequence from: UInt64, limit: Int) throws -> [AuditEvent]

    /// The event with the highest sequence, if the log is not empty.
    func lastAuditEvent() throws -> AuditEvent?

    // MARK: Documents

    /// The document of `collection` at `key` (exact bytes), if any.
    func document(_ collection: DocumentCollection, key: String) throws -> StoredDocument?

    /// Documents of `collection` whose key starts with `prefix` (bytes; "" for all), in byte order of
    /// key, strictly after `after` (from the first when nil), at most `limit` (>= 1).
    func documents(_ collection: DocumentCollection, prefix: String, after: String?, limit: Int) throws
        -> [StoredDocument]
}

extension InventoryReader {
    /// Reads the entries and keeps their ids; stores with a fingerprint index answer from it instead.
    public func certificateIDs(owner: AccountID, fingerprintSHA256: String) throws -> [CertificateID] {
        try self.certificates(owner: owner, fingerprintSHA256: fingerprintSHA256).map(\.id)
    }
}

/// The named LMDB databases of the inventory and the key layout of each.
///
/// Primary tables (value: a versioned record, see `Records/`):
/// - `accounts`: account id UTF-8; `certs`: certificate id UTF-8; `csrs`: CSR id UTF-8;
///   `audit`: sequence, 8 bytes big-endian; `meta`: fixed names (`schemaVersion`).
/// Indexes (maintained in the same write transaction as their record; value: the record id's UTF-8).
/// `S(x)` is an escaped, terminated string and `I(x)` an order-preserving 8-byte integer (see `StoreKey`):
/// - `accountsByClientFingerprint`: raw fingerprint → account id (unique);
/// - `certsByOwner`: S(owner) S(id);
/// - `certsByOwnerName`: S(owner) S(name) (unique per owner);
/// - `certsByOwnerNotAfter`: S(owner) I(notAfter seconds) S(id) (expiry filters and sort);
/// - `certsByOwnerCreatedAt`: S(owner) I(createdAt milliseconds) S(id);
/// - `certsByOwnerTag`: S(owner) S(tag key) S(tag value) I(notAfter seconds) S(id);
/// - `certsByOwnerResourceGroup`: S(owner) S(group) I(notAfter seconds) S(id);
/// - `certsByOwnerSource`: S(owner) S(source) I(notAfter seconds) S(id);
/// - `certsByOwnerFingerprint`: S(owner) S(SHA-256 hex) S(id);
/// - `csrsByOwner`: S(owner) S(id).
/// The filter indexes end in notAfter then id, so a filtered listing sorted by expiry (the common view) is
/// one ordered range scan that also applies the expiry bounds.
/// Isolation: a value type holding database handles.
struct InventoryTables: Sendable {
    static let names = [
        "accounts", "accountsByClientFingerprint", "certs", "certsByOwner", "certsByOwnerName",
        "certsByOwnerNotAfter", "certsByOwnerCreatedAt", "certsByOwnerTag", "certsByOwnerResourceGroup",
        "certsByOwnerSource", "certsByOwnerFingerprint", "csrs", "csrsByOwner", "audit", "meta", "documents",
    ]

    let accounts: LMDBDatabase
    let accountsByClientFingerprint: LMDBDatabase
    let certs: LMDBDatabase
    let certsByOwner: LMDBDatabase
    let certsByOwnerName: LMDBDatabase
    let certsByOwnerNotAfter: LMDBDatabase
    let certsByOwnerCreatedAt: LMDBDatabase
    let certsByOwnerTag: LMDBDatabase
    let certsByOwnerResourceGroup: LMDBDatabase
    let certsByOwnerSource: LMDBDatabase
    let certsByOwnerFingerprint: LMDBDatabase
    let csrs: LMDBDatabase
    let csrsByOwner: LMDBDatabase
    let audit: LMDBDatabase
    let meta: LMDBDatabase
    /// Feature records (``StoredDocument``), keyed by collection name, NUL, document key.
    let documents: LMDBDatabase

    init(environment: LMDBEnvironment) {
        self.accounts = environment.database("accounts")
        self.accountsByClientFingerprint = environment.database("accountsByClientFingerprint")
        self.certs = environment.database("certs")
        self.certsByOwner = environment.database("certsByOwner")
        self.certsByOwnerName = environment.database("certsByOwnerName")
        self.certsByOwnerNotAfter = environment.database("certsByOwnerNotAfter")
        self.certsByOwnerCreatedAt = environment.database("certsByOwnerCreatedAt")
        self.certsByOwnerTag = environment.database("certsByOwnerTag")
        self.certsByOwnerResourceGroup = environment.database("certsByOwnerResourceGroup")
        self.certsByOwnerSource = environment.database("certsByOwnerSource")
        self.certsByOwnerFingerprint = environment.database("certsByOwnerFingerprint")
        self.csrs = environment.database("csrs")
        self.csrsByOwner = environment.database("csrsByOwner")
        self.audit = environment.database("audit")
        self.meta = environment.database("meta")
        self.documents = environment.database("documents")
    }

    /// The certificate indexes, for maintenance and the consistency checker.
    var certificateIndexes: [LMDBDatabase] {
        [
            self.certsByOwner, self.certsByOwnerName, self.certsByOwnerNotAfter, self.certsByOwnerCreatedAt,
            self.certsByOwnerTag, self.certsByOwnerResourceGroup, self.certsByOwnerSource,
            self.certsByOwnerFingerprint,
        ]
    }
}

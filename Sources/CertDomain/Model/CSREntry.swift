public import Foundation

/// A certificate signing request an account created (server-generated key) or uploaded (CSR only).
///
/// Role: a certificate can later be uploaded without a key by naming this CSR; the key comes from here.
/// Invariants: `sealedKey` (role `.csr`) is present iff the server generated the key; `usedByCertificateID`
/// names the certificate entry that took the key, once set it is only cleared when that entry is deleted.
/// Timestamps are whole milliseconds.
/// Isolation: a value type.
public struct CSREntry: Sendable, Equatable {
    public var id: CSRID
    public var ownerAccountID: AccountID
    public var csrDER: [UInt8]
    public var sealedKey: SealedKey?
    /// RFC 4514-style subject of the request.
    public var subject: String
    public var commonName: String?
    public var sans: [String]
    public var keyAlgorithm: KeyFamily
    public var createdAt: Date
    public var usedByCertificateID: CertificateID?

    public init(
        id: CSRID,
        ownerAccountID: AccountID,
        csrDER: [UInt8],
        sealedKey: SealedKey?,
        subject: String,
        commonName: String?,
        sans: [String],
        keyAlgorithm: KeyFamily,
        createdAt: Date,
        usedByCertificateID: CertificateID? = nil
    ) {
        self.id = id
        self.ownerAccountID = ownerAccountID
        self.csrDER = csrDER
        self.sealedKey = sealedKey
        self.subject = subject
        self.commonName = commonName
        self.sans = sans
        self.keyAlgorithm = keyAlgorithm
        self.createdAt = createdAt
        self.usedByCertificateID = usedByCertificateID
    }
}

/// What an upload stored, and which entries of the account already hold the same certificate.
public struct UploadResult: Sendable, Equatable {
    public var entry: CertificateEntry
    /// Ids of earlier entries of the same account with the same SHA-256 fingerprint (allowed, but
    /// reported), in byte order. Ids, not entries: a certificate may be held thousands of times, and
    /// decoding every holder inside the upload's write transaction dominated an upload's cost.
    public var sameFingerprint: [CertificateID]

    public init(entry: CertificateEntry, sameFingerprint: [CertificateID]) {
        self.entry = entry
        self.sameFingerprint = sameFingerprint
    }
}

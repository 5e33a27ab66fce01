/// What an upload stored, and which entries of the account already hold the same certificate.
public struct UploadResult: Sendable, Equatable {
    public var entry: CertificateEntry
    /// Earlier entries of the same account with the same SHA-256 fingerprint (allowed, but reported).
    public var sameFingerprint: [CertificateEntry]

    public init(entry: CertificateEntry, sameFingerprint: [CertificateEntry]) {
        self.entry = entry
        self.sameFingerprint = sameFingerprint
    }
}

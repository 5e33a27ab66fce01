/// The original of a shared entry (issue 6).
public struct ShareOrigin: Sendable, Equatable {
    public var ownerAccountID: AccountID
    public var certificateID: CertificateID

    public init(ownerAccountID: AccountID, certificateID: CertificateID) {
        self.ownerAccountID = ownerAccountID
        self.certificateID = certificateID
    }
}

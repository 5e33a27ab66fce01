extension CertificateEntry {
    /// Takes a fresh issuance's certificates, keys, facts and warnings (id, name and labels stay).
    mutating func apply(_ issued: IssuedCertificate) {
        self.algorithm = issued.algorithm
        self.leafDER = issued.leafDER
        self.chainDER = issued.chainDER
        self.encryptionCertificateDER = issued.encryptionCertificateDER
        self.sealedKeys = issued.sealedKeys
        self.details = issued.details
        self.warnings = issued.warnings
    }
}

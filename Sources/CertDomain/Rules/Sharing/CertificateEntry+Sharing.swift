extension CertificateEntry {
    /// Takes `original`'s certificates, facts and warnings (keys stay as they are: none for a shared copy).
    mutating func apply(certificatesOf original: CertificateEntry) {
        self.algorithm = original.algorithm
        self.leafDER = original.leafDER
        self.chainDER = original.chainDER
        self.encryptionCertificateDER = original.encryptionCertificateDER
        self.details = original.details
        self.warnings = original.warnings
    }
}

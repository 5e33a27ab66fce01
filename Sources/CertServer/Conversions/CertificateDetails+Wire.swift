import CertAPI
import CertCrypto
import CertWire

extension CertCrypto.CertificateDetails {
    /// The wire form of everything CertCrypto reads from a certificate.
    var wire: CertAPI.CertificateDetails {
        var details = CertAPI.CertificateDetails(
            subject: self.subject,
            commonName: self.commonName ?? "",
            sans: self.subjectAlternativeNames.map(\.value),
            issuer: self.issuer,
            serialNumber: self.serialNumber,
            fingerprintSHA256: self.sha256Fingerprint,
            keyAlgorithm: self.keyAlgorithm.family,
            signatureAlgorithm: self.signatureAlgorithm,
            notBefore: Timestamp(self.notBefore),
            notAfter: Timestamp(self.notAfter)
        )
        switch self.keyAlgorithm {
        case .rsa(let bits): details.keySize = UInt32(clamping: bits)
        case .ec: details.curve = String(self.keyAlgorithm.description.dropFirst("EC ".count))
        case .sm2: details.curve = "SM2"
        case .ed25519, .ed448, .other: break
        }
        details.addParsedFields(of: self)
        return details
    }
}

extension CertAPI.CertificateDetails {
    /// Fills the fields that only a parse of the certificate gives (not kept in listing facts).
    /// - Parameter parsed: CertCrypto's details of the same certificate.
    mutating func addParsedFields(of parsed: CertCrypto.CertificateDetails) {
        self.fingerprintSHA1 = parsed.sha1Fingerprint
        self.isCA = parsed.isCA
        self.pathLength = parsed.pathLength.map { Int32(clamping: $0) }
        self.keyUsage = parsed.keyUsage.map(\.rawValue)
        self.extendedKeyUsage = parsed.extendedKeyUsage.map(\.description)
        self.selfSigned = parsed.isSelfSigned
    }
}

extension SubjectAlternativeName {
    /// The name without its type prefix, as the inventory stores it.
    var value: String {
        switch self {
        case .dns(let value), .ip(let value), .email(let value), .uri(let value): value
        }
    }
}

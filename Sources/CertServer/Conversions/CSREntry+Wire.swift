import CertAPI
import CertCrypto
import CertDomain
import CertWire

extension CSREntry {
    /// The wire form of a stored CSR (parses the DER once for its PEM and key fingerprint).
    var wire: CertAPI.CSR {
        let request = try? CertificateSigningRequest(bytes: self.csrDER)
        return CertAPI.CSR(
            id: self.id.rawValue,
            subject: self.subject,
            commonName: self.commonName ?? "",
            sans: self.sans,
            keyAlgorithm: self.keyAlgorithm.rawValue,
            hasKey: self.sealedKey != nil,
            csrPEM: request?.pem ?? PEMEncoding.encode(self.csrDER, label: "CERTIFICATE REQUEST"),
            createdAt: Timestamp(self.createdAt),
            usedByCertificateID: self.usedByCertificateID?.rawValue,
            publicKeyFingerprintSHA256: request?.publicKeyFingerprint ?? ""
        )
    }
}

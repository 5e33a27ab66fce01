import CertAPI

/// The JSON form of a CSR (`csr create|upload|get`, items of `csr list`).
///
/// Role: maps ``CertAPI/CSR`` to stable field names; `csrPEM` included so scripts can submit it.
/// Isolation: a plain value.
struct CSRJSON: Encodable {
    var id: String
    var subject: String
    var commonName: String
    var sans: [String]
    var keyAlgorithm: String
    var hasKey: Bool
    var publicKeyFingerprintSHA256: String
    var usedByCertificateID: String?
    var createdAt: String
    var csrPEM: String

    init(_ csr: CSR) {
        self.id = csr.id
        self.subject = csr.subject
        self.commonName = csr.commonName
        self.sans = csr.sans
        self.keyAlgorithm = csr.keyAlgorithm
        self.hasKey = csr.hasKey
        self.publicKeyFingerprintSHA256 = csr.publicKeyFingerprintSHA256
        self.usedByCertificateID = csr.usedByCertificateID
        self.createdAt = csr.createdAt.iso8601
        self.csrPEM = csr.csrPEM
    }
}

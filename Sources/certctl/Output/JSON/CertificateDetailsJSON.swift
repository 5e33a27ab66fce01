import CertAPI

/// The JSON form of what a certificate says about itself (`tools describe`, chain members, the
/// encryption certificate of an SM2 entry).
///
/// Role: maps ``CertAPI/CertificateDetails`` to the documented field names; `keySize` appears for
/// RSA keys, `curve` for EC keys, neither for SM2/EdDSA.
/// Isolation: a plain value.
struct CertificateDetailsJSON: Encodable {
    var subject: String
    var commonName: String
    var sans: [String]
    var issuer: String
    var serialNumber: String
    var fingerprintSHA256: String
    var fingerprintSHA1: String?
    var keyAlgorithm: String
    var keySize: UInt32?
    var curve: String?
    var signatureAlgorithm: String
    var notBefore: String
    var notAfter: String
    var isCA: Bool
    var pathLength: Int32?
    var keyUsage: [String]
    var extendedKeyUsage: [String]
    var selfSigned: Bool

    init(_ details: CertificateDetails) {
        self.subject = details.subject
        self.commonName = details.commonName
        self.sans = details.sans
        self.issuer = details.issuer
        self.serialNumber = details.serialNumber.lowercased()
        self.fingerprintSHA256 = details.fingerprintSHA256.lowercased()
        self.fingerprintSHA1 = details.fingerprintSHA1.isEmpty ? nil : details.fingerprintSHA1.lowercased()
        self.keyAlgorithm = details.keyAlgorithm
        self.keySize = details.keySize == 0 ? nil : details.keySize
        self.curve = details.curve.isEmpty ? nil : details.curve
        self.signatureAlgorithm = details.signatureAlgorithm
        self.notBefore = details.notBefore.iso8601
        self.notAfter = details.notAfter.iso8601
        self.isCA = details.isCA
        self.pathLength = details.pathLength
        self.keyUsage = details.keyUsage
        self.extendedKeyUsage = details.extendedKeyUsage
        self.selfSigned = details.selfSigned
    }
}

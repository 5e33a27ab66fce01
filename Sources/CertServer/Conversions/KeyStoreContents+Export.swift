import CertAPI
import CertCrypto
import CertDomain
import Foundation

extension KeyStoreContents {
    /// These contents as a PFX or JKS file (Tools/Convert and Certificates/DownloadCertificate).
    /// - Parameters:
    ///   - format: `pfx` or `jks`.
    ///   - field: the request field naming the format, for errors.
    ///   - password: the file's password (PFX) or store password (JKS).
    ///   - keyPassword: JKS only: the key password when it differs from `password`.
    ///   - alias: the PFX friendly name or JKS alias.
    ///   - isLegacyEncryption: PFX only: RC2/3DES and SHA-1 for old readers.
    /// - Returns: the file's bytes.
    /// - Throws: ``KeyStoreError`` when the file cannot be built; ``DomainError/invalidArgument(field:detail:)``
    ///   for another format, or a JKS without a certificate.
    func keyStoreBytes(
        _ format: KeyStoreFormat, field: String, password: String, keyPassword: String?, alias: String,
        isLegacyEncryption: Bool
    ) throws -> [UInt8] {
        switch format {
        case .pfx:
            var named = self
            named.friendlyName = alias
            return try PKCS12Format.write(named, password: password, encryption: isLegacyEncryption ? .legacy : .modern)
        case .jks:
            let entry: KeyStoreEntry
            if let key = self.privateKeyPKCS8DER, let leaf = self.certificateDER {
                entry = .privateKey(
                    alias: alias, creationDate: Date(), privateKeyPKCS8DER: key,
                    certificateChainDER: [leaf] + self.chainDER)
            } else if let certificate = self.certificateDER {
                entry = .trustedCertificate(alias: alias, creationDate: Date(), certificateDER: certificate)
            } else {
                throw DomainError.invalidArgument(field: field, detail: "a JKS needs a certificate")
            }
            return try JavaKeyStoreFormat.write([entry], storePassword: password, keyPassword: keyPassword)
        case .formatUnspecified, .pem, .pkcs8, .unrecognized:
            throw DomainError.invalidArgument(field: field, detail: "a key store is pfx or jks")
        }
    }
}

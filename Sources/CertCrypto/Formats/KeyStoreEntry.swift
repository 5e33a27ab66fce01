public import Foundation

/// One entry of a Java key store (JKS or JCEKS), with DER bytes for its key and certificates.
///
/// Role: the unit ``JavaKeyStoreFormat`` reads and writes; ``KeyStoreContents/init(_:)`` turns a
/// key entry into the shape PKCS#12 conversion uses.
/// Invariants: a private-key entry's chain is leaf first and holds at least the leaf certificate;
/// its key is unencrypted PKCS#8 DER. Aliases are compared case-insensitively by Java; certd writes
/// them lower-cased, as keytool does. Isolation: a plain `Sendable` value.
public enum KeyStoreEntry: Sendable, Equatable {
    /// A private key with its certificate chain (Java's `PrivateKeyEntry`).
    case privateKey(alias: String, creationDate: Date, privateKeyPKCS8DER: [UInt8], certificateChainDER: [[UInt8]])
    /// A certificate trusted on its own, without a key (Java's `trustedCertEntry`).
    case trustedCertificate(alias: String, creationDate: Date, certificateDER: [UInt8])

    /// The entry's alias as stored in the file.
    public var alias: String {
        switch self {
        case .privateKey(let alias, _, _, _), .trustedCertificate(let alias, _, _): alias
        }
    }

    /// When the entry was added to the store, as the file records it (millisecond precision).
    public var creationDate: Date {
        switch self {
        case .privateKey(_, let date, _, _), .trustedCertificate(_, let date, _): date
        }
    }
}

extension KeyStoreContents {
    /// The key, leaf and chain of a key-store entry; a trusted-certificate entry becomes a
    /// certificate without a key.
    /// - Parameter entry: the Java key-store entry to convert.
    public init(_ entry: KeyStoreEntry) {
        switch entry {
        case .privateKey(let alias, _, let key, let chain):
            self.init(
                privateKeyPKCS8DER: key,
                certificateDER: chain.first,
                chainDER: Array(chain.dropFirst()),
                friendlyName: alias
            )
        case .trustedCertificate(let alias, _, let certificate):
            self.init(privateKeyPKCS8DER: nil, certificateDER: certificate, friendlyName: alias)
        }
    }
}

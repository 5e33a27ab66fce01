/// Why a key store (PKCS#12/PFX, JKS, JCEKS) could not be read or written.
///
/// Role: the single error type of CertCrypto's format conversion; ``reason`` is a stable
/// machine-readable code and ``message`` tells the user what is wrong and what to do. OpenSSL's
/// drained error queue rides along (``openSSLError``) for diagnostics only, never as the message.
/// Invariant: exhaustive; every case is an expected outcome of user input or, for
/// ``openSSLFailure(_:)``, of OpenSSL refusing an operation that should have worked.
/// Isolation: a plain `Sendable` value.
public enum KeyStoreError: Error, Sendable, Equatable {
    /// The input held no bytes at all.
    case emptyInput
    /// The input is larger than any key store certd accepts; it was refused before parsing.
    case tooLarge(size: Int, limit: Int)
    /// The bytes are not a PKCS#12/PFX file (they do not decode as its ASN.1 structure).
    case notPKCS12(OpenSSLError)
    /// The bytes do not start with the JKS (`FEEDFEED`) or JCEKS (`CECECECE`) magic number.
    case notJKS(magic: UInt32)
    /// The store password is wrong: the PKCS#12 MAC or the JKS integrity digest does not verify.
    case wrongPassword
    /// The store opened, but the private key of entry `alias` did not decrypt with the key password
    /// (JKS/JCEKS keys may have their own password, different from the store password).
    case wrongKeyPassword(alias: String)
    /// The structure is broken: truncated, a length that overruns the data, a bad tag, and so on;
    /// `openSSL` holds OpenSSL's queue when OpenSSL found the damage.
    case corrupt(detail: String, openSSL: OpenSSLError? = nil)
    /// The store holds an entry kind certd does not convert (a JCEKS secret key, an unknown tag).
    case unsupportedEntry(kind: String)
    /// The entry or file is protected with an algorithm certd does not implement, named by its OID
    /// or OpenSSL name; or the OpenSSL provider for it is unavailable.
    case unsupportedAlgorithm(oid: String)
    /// Input given for writing is unusable: a key or certificate that does not decode, a duplicate
    /// alias, a password a format cannot represent.
    case invalidInput(detail: String)
    /// OpenSSL failed where it should not have (allocation, encoder missing); see the attached queue.
    case openSSLFailure(OpenSSLError)

    /// A stable camelCase code for logs, metrics and the wire (never changes once shipped).
    public var reason: String {
        switch self {
        case .emptyInput: "emptyInput"
        case .tooLarge: "tooLarge"
        case .notPKCS12: "notPKCS12"
        case .notJKS: "notJKS"
        case .wrongPassword: "wrongPassword"
        case .wrongKeyPassword: "wrongKeyPassword"
        case .corrupt: "corrupt"
        case .unsupportedEntry: "unsupportedEntry"
        case .unsupportedAlgorithm: "unsupportedAlgorithm"
        case .invalidInput: "invalidInput"
        case .openSSLFailure: "openSSLFailure"
        }
    }

    /// What went wrong and what the user can do about it, in one or two sentences.
    public var message: String {
        switch self {
        case .emptyInput:
            "The key store file is empty: upload the .pfx, .p12, .jks or .jceks file itself."
        case .tooLarge(let size, let limit):
            "The key store file is \(size) bytes, more than the \(limit) bytes accepted: "
                + "upload only the key store, not an archive or a full trust store."
        case .notPKCS12:
            "The file is not a PKCS#12/PFX key store: export it again as .pfx/.p12, or upload PEM "
                + "text (-----BEGIN CERTIFICATE-----) in the certificate field instead."
        case .notJKS(let magic):
            "The file is not a Java key store (it starts with 0x\(Self.hex(magic)), not FEEDFEED or "
                + "CECECECE): if it is a PKCS#12 file, upload it as .pfx/.p12."
        case .wrongPassword:
            "The key store password is wrong, or the file was changed after it was saved: enter the "
                + "password used when the file was exported, or upload an unmodified copy."
        case .wrongKeyPassword(let alias):
            "The private key of entry '\(alias)' has its own password, and the one given does not open it: "
                + "enter the key password (keytool -keypass) as well as the store password."
        case .corrupt(let detail, _):
            "The key store file is damaged (\(detail)): upload the original file again, "
                + "transferred in binary mode."
        case .unsupportedEntry(let kind):
            "The key store holds a \(kind) entry, which certd cannot convert: export only private-key "
                + "and certificate entries."
        case .unsupportedAlgorithm(let oid):
            "The key store is protected with an algorithm certd does not support (\(oid)): export it "
                + "again with AES-256 (openssl pkcs12 -export) or as a JKS from keytool."
        case .invalidInput(let detail):
            "The key store cannot be created (\(detail)): supply the private key with the certificates "
                + "that belong to it, under distinct aliases."
        case .openSSLFailure(let error):
            "The key store could not be processed because OpenSSL failed (\(error.operation)): "
                + "try again, and report the problem if it persists."
        }
    }

    /// OpenSSL's drained error queue when OpenSSL was involved in the failure, for diagnostics.
    public var openSSLError: OpenSSLError? {
        switch self {
        case .notPKCS12(let error), .openSSLFailure(let error): error
        case .corrupt(_, let error): error
        default: nil
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

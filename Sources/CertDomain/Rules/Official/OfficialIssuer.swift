public import CertCrypto
import Foundation

/// The CA that issues official certificates (issue 6), with the certificates above it.
///
/// Role: the managed issuer of ``OfficialCertificates``. certd uses the default one that
/// ``loadOrCreateDefault(store:clock:sealer:sm2:)`` keeps sealed in the store, unless the operator
/// names another CA's certificate and key files (``init(certificatePEM:keyPEM:)``), which then is
/// the official one. SM2 orders are issued by a second, SM2 official CA (GM/T certificates are
/// signed with SM2/SM3), also kept sealed in the store.
/// Invariants: `authority` is a CA whose key matches it (checked by CertCrypto); `chain` is the
/// issued certificates' chain: the authority's certificate first, then its issuers upward.
/// Isolation: a `Sendable` value.
public struct OfficialIssuer: Sendable {
    public let authority: CertificateAuthority
    /// The issuers an issued leaf chains to, the leaf's issuer (``authority``) first.
    public let chain: [Certificate]

    /// The default issuer's document: the CA certificate in the body, its key sealed beside it.
    static let collection = DocumentCollection("official.issuer")
    static let defaultKey = "default"
    static let defaultSM2Key = "default-sm2"
    /// The default official CA lives 20 years, like the service CA.
    static let defaultValidityDays = 20 * 365

    /// - Parameters:
    ///   - authority: the issuing CA.
    ///   - issuersAbove: the issuers above `authority`'s certificate (empty for a root).
    public init(authority: CertificateAuthority, issuersAbove: [Certificate] = []) {
        self.authority = authority
        self.chain = [authority.certificate] + issuersAbove
    }

    /// An operator-provided official CA: a PEM file with the CA certificate first (then, optionally,
    /// its issuers) and a PEM file with its unencrypted private key.
    /// - Throws: ``DomainError/invalidCertificate(_:)`` when either does not parse, the certificate is
    ///   not a CA, or the key is not its key.
    public init(certificatePEM: [UInt8], keyPEM: [UInt8]) throws(DomainError) {
        do throws(CertificateError) {
            let certificates = try CertificateBundle.parseCertificates(certificatePEM, field: .certificate)
            guard let first = certificates.first else { throw CertificateError.emptyInput(field: .certificate) }
            let key = try PrivateKey(bytes: keyPEM, passphrase: nil, field: .privateKey)
            self.init(
                authority: try CertificateAuthority(certificate: first, key: key),
                issuersAbove: Array(certificates.dropFirst()))
        } catch {
            throw .invalidCertificate(error)
        }
    }

    /// The default official CA from the store, created (P-256, self-signed, key sealed under the
    /// master key) when there is none yet. Idempotent: an existing one is never replaced.
    /// - Parameters:
    ///   - store: the inventory store.
    ///   - clock: the wall clock (the new CA's validity starts now).
    ///   - sealer: seals and opens the CA key.
    /// - Returns: the issuer and whether it was created by this call.
    /// - Throws: ``DomainError/keyUnavailable(_:)`` when the stored key does not open (another master
    ///   key), ``DomainError/invalidCertificate(_:)`` for a damaged record, storage errors.
    ///   - sm2: the SM2 official CA (document `default-sm2`, signs with SM3) that issues SM2 orders,
    ///     instead of the P-256 one (document `default`).
    public static func loadOrCreateDefault(
        store: any InventoryStore, clock: any WallClock, sealer: Sealer, sm2: Bool = false
    ) async throws(DomainError) -> (issuer: OfficialIssuer, wasCreated: Bool) {
        let domainStore = DomainStore(store: store, clock: clock)
        let documentKey = sm2 ? self.defaultSM2Key : self.defaultKey
        let sealingID = StoredDocument.sealingID(collection: self.collection, key: documentKey)
        if let document = try domainStore.read({ try $0.document(self.collection, key: documentKey) }) {
            return (try self.open(document, sealer: sealer, sealingID: sealingID), false)
        }
        let authority: CertificateAuthority
        do throws(CertificateError) {
            authority = try CertificateAuthority.makeRoot(
                subject: DistinguishedName(
                    commonName: sm2 ? "certd official SM2 CA" : "certd official CA", organization: "certd"),
                key: try PrivateKey.generate(sm2 ? .sm2 : .p256),
                validity: Validity.days(self.defaultValidityDays, from: clock.now()),
                pathLength: 0)
        } catch {
            throw .invalidCertificate(error)
        }
        let sealed: SealedKey
        do throws(SealingError) {
            let box = try sealer.seal(
                authority.key.pkcs8DER, associatedData: SealedKey.associatedData(for: sealingID, role: .signing))
            sealed = SealedKey(role: .signing, blob: box.bytes)
        } catch {
            throw .keyUnavailable(error)
        }
        let record = DefaultIssuerRecord(certificateDER: authority.certificate.der, createdAt: clock.now())
        let stored = try await domainStore.write { writer -> StoredDocument? in
            // Another start may have won the race; its CA stays the official one.
            if let existing = try writer.document(self.collection, key: documentKey) { return existing }
            try writer.putEncodedDocument(record, in: self.collection, key: documentKey, sealedKeys: [sealed])
            return nil
        }
        if let stored { return (try self.open(stored, sealer: sealer, sealingID: sealingID), false) }
        return (OfficialIssuer(authority: authority), true)
    }

    private static func open(_ document: StoredDocument, sealer: Sealer, sealingID: String) throws(DomainError)
        -> OfficialIssuer
    {
        let record: DefaultIssuerRecord
        do {
            record = try DocumentCoding.decoder.decode(DefaultIssuerRecord.self, from: Data(document.body))
        } catch {
            throw .storageUnavailable
        }
        guard let sealed = document.sealedKeys.first(where: { $0.role == .signing }) else {
            throw .storageUnavailable
        }
        let keyDER: [UInt8]
        do throws(SealingError) {
            keyDER = try sealer.open(
                try SealedBox(bytes: sealed.blob),
                associatedData: SealedKey.associatedData(for: sealingID, role: .signing))
        } catch {
            throw .keyUnavailable(error)
        }
        do throws(CertificateError) {
            let key = try PrivateKey(bytes: keyDER, passphrase: nil, field: .privateKey)
            return OfficialIssuer(
                authority: try CertificateAuthority(certificate: try Certificate(der: record.certificateDER), key: key))
        } catch {
            throw .invalidCertificate(error)
        }
    }
}

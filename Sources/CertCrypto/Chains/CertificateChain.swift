internal import COpenSSL

/// A certificate chain ordered leaf -> intermediates -> root, with every link verified.
///
/// Role: built from an unordered set of uploaded certificates by ``build(certificates:trustedIssuers:)``;
/// reports whether it is complete and, if not, which issuer is missing.
/// Invariant: `certificates[i + 1]` issued `certificates[i]` (names, key identifiers and signature
/// checked); `certificates[0]` is the leaf.
/// Isolation: a `Sendable` value.
public struct CertificateChain: Sendable, Hashable {
    /// How the chain ends.
    public enum Completeness: Sendable, Hashable {
        /// The last certificate is a self-signed root.
        case selfSignedRoot
        /// The last certificate was issued by a certificate the caller trusts (given by subject).
        case trustedIssuer(subject: String)
        /// The issuer of the last certificate (`subject`) is missing: `missingIssuer` (RFC 4514).
        case incomplete(subject: String, missingIssuer: String)
    }

    /// leaf, intermediates..., root (when supplied).
    public let certificates: [Certificate]
    /// How the chain ends.
    public let completeness: Completeness

    /// The leaf.
    public var leaf: Certificate { self.certificates[0] }
    /// The certificates between the leaf and the root (or the last one supplied).
    public var intermediates: [Certificate] {
        let tail = self.certificates.dropFirst()
        return Array(self.completeness == .selfSignedRoot ? tail.dropLast() : tail)
    }
    /// The self-signed root, when the chain includes it.
    public var root: Certificate? {
        self.completeness == .selfSignedRoot && self.certificates.count > 1 ? self.certificates.last : nil
    }
    /// Whether the chain ends in a self-signed root or a trusted issuer.
    public var isComplete: Bool {
        if case .incomplete = self.completeness { return false }
        return true
    }

    /// Throws when the chain is incomplete.
    /// - Throws: ``CertificateError/chainBroken(subject:missingIssuer:)`` naming the missing issuer.
    public func requireComplete() throws(CertificateError) {
        if case .incomplete(let subject, let missing) = self.completeness {
            throw .chainBroken(subject: subject, missingIssuer: missing)
        }
    }

    /// Orders and verifies a set of certificates whatever their input order.
    /// - Parameters:
    ///   - certificates: every supplied certificate with the field it came from. The leaf is the one
    ///     that issues none of the others (the first such one in input order when several qualify).
    ///   - trustedIssuers: CAs the caller trusts; a chain ending in one of them is complete.
    /// - Returns: the ordered chain.
    /// - Throws: ``CertificateError/foreignCertificate(field:subject:)`` for certificates off the
    ///   leaf's path, ``CertificateError/chainBroken(subject:missingIssuer:)`` when the leftovers would
    ///   link if a missing issuer were present, ``CertificateError/chainSignatureInvalid(subject:issuer:diagnostics:)``
    ///   when names link but the signature does not verify.
    public static func build(
        certificates input: [(Certificate, InputField)],
        trustedIssuers: [Certificate] = []
    ) throws(CertificateError) -> CertificateChain {
        precondition(!input.isEmpty, "a chain needs at least one certificate")
        // Drop exact duplicates (the same intermediate pasted twice is harmless).
        var pool: [(certificate: Certificate, field: InputField)] = []
        for (certificate, field) in input where !pool.contains(where: { $0.certificate == certificate }) {
            pool.append((certificate, field))
        }
        let leafIndex =
            pool.indices.first { candidate in
                !pool.indices.contains { other in
                    other != candidate
                        && Self.namesLink(subject: pool[other].certificate, issuer: pool[candidate].certificate)
                }
            } ?? 0
        var ordered = [pool.remove(at: leafIndex).certificate]
        var completeness: Completeness
        while true {
            let current = ordered[ordered.count - 1]
            if current.isSelfIssued && Self.signatureVerifies(current, by: current) {
                completeness = .selfSignedRoot
                break
            }
            if let next = pool.firstIndex(where: { Self.namesLink(subject: current, issuer: $0.certificate) }) {
                let issuer = pool[next].certificate
                OpenSSLError.clearQueue()
                guard Self.signatureVerifies(current, by: issuer) else {
                    throw .chainSignatureInvalid(
                        subject: current.subject,
                        issuer: issuer.subject,
                        diagnostics: OpenSSLError.drain(after: "X509_verify")
                    )
                }
                ordered.append(pool.remove(at: next).certificate)
                continue
            }
            if let trusted = trustedIssuers.first(where: {
                Self.namesLink(subject: current, issuer: $0) && Self.signatureVerifies(current, by: $0)
            }) {
                completeness = .trustedIssuer(subject: trusted.subject)
                break
            }
            completeness = .incomplete(subject: current.subject, missingIssuer: current.issuer)
            break
        }
        if let stray = pool.first {
            if case .incomplete(let subject, let missing) = completeness,
                pool.contains(where: {
                    Self.namesLink(subject: $0.certificate, issuer: $0.certificate) || $0.certificate.isCA
                })
            {
                // CA certificates above a gap: the chain would link if `missing` were present.
                throw .chainBroken(subject: subject, missingIssuer: missing)
            }
            throw .foreignCertificate(field: stray.field, subject: stray.certificate.subject)
        }
        return CertificateChain(certificates: ordered, completeness: completeness)
    }

    /// Issuer/subject names and key identifiers link (`X509_check_issued`), signature not checked.
    static func namesLink(subject: Certificate, issuer: Certificate) -> Bool {
        let result = X509_check_issued(issuer.handle.pointer, subject.handle.pointer) == X509_V_OK
        OpenSSLError.clearQueue()
        return result
    }

    /// `issuer`'s public key verifies `subject`'s signature (SM2 IDs were attached at parse time).
    static func signatureVerifies(_ subject: Certificate, by issuer: Certificate) -> Bool {
        guard let key = X509_get0_pubkey(issuer.handle.pointer) else { return false }
        return X509_verify(subject.handle.pointer, key) == 1
    }
}

extension Certificate {
    /// Subject equals issuer (self-issued; not necessarily self-signed).
    var isSelfIssued: Bool {
        X509_NAME_cmp(X509_get_subject_name(self.handle.pointer), X509_get_issuer_name(self.handle.pointer)) == 0
    }

    /// basicConstraints CA flag (cheap: OpenSSL caches the extension flags).
    var isCA: Bool {
        X509_check_ca(self.handle.pointer) != 0
    }
}

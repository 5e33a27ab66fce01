internal import COpenSSL

/// A CA certificate with its private key: issues intermediates and leaf certificates.
///
/// Role: certd's private CA and its own service identities (CA, `localhost`/`127.0.0.1` server
/// certificate, admin client certificate). SM2 CAs sign with SM3 and the GM/T 0009 ID
/// `1234567812345678`; every issued certificate gets a 128-bit random serial, SKI and AKI.
/// Invariant: `key` matches `certificate`, and `certificate` is a CA.
/// Isolation: a `Sendable` value.
public struct CertificateAuthority: Sendable {
    public let certificate: Certificate
    public let key: PrivateKey

    /// Wraps an existing CA certificate and key (e.g. loaded from the data directory).
    /// - Throws: ``CertificateError/notACertificateAuthority(subject:)`` when the certificate is not a
    ///   CA; ``CertificateError/keyMismatch(pair:certificateKeyAlgorithm:certificateKeyFingerprint:privateKeyAlgorithm:privateKeyFingerprint:)``
    ///   when the key does not belong to it.
    public init(certificate: Certificate, key: PrivateKey) throws(CertificateError) {
        guard certificate.isCA else { throw .notACertificateAuthority(subject: certificate.subject) }
        try KeyMatcher.check(certificate: certificate, key: key)
        self.certificate = certificate
        self.key = key
    }

    private init(unchecked certificate: Certificate, key: PrivateKey) {
        self.certificate = certificate
        self.key = key
    }

    /// Creates a self-signed root CA.
    /// - Parameters:
    ///   - subject: the root's name (issuer = subject).
    ///   - key: the root key (generate with ``PrivateKey/generate(_:)``).
    ///   - validity: the root's validity.
    ///   - pathLength: basicConstraints pathLenConstraint; nil for unlimited.
    /// - Returns: the root CA.
    /// - Throws: ``CertificateError`` for invalid parameters or signing failures.
    public static func makeRoot(
        subject: DistinguishedName,
        key: PrivateKey,
        validity: Validity,
        pathLength: Int? = nil
    ) throws(CertificateError) -> CertificateAuthority {
        try OpenSSLProviders.require()
        let certificate = try self.build(
            subject: subject,
            publicKey: key.publicKey,
            issuer: nil,
            signingKey: key,
            validity: validity
        ) { x509, issuer throws(CertificateError) in
            try Self.addCAExtensions(x509, issuer: issuer, pathLength: pathLength)
        }
        return CertificateAuthority(unchecked: certificate, key: key)
    }

    /// Issues an intermediate CA signed by this CA.
    /// - Parameters:
    ///   - subject: the intermediate's name.
    ///   - key: the intermediate's key.
    ///   - validity: its validity.
    ///   - pathLength: its pathLenConstraint (0: it may issue only leaves); nil for unlimited.
    /// - Returns: the intermediate, ready to issue.
    /// - Throws: ``CertificateError/invalidIssuanceParameter(name:detail:)`` when this CA's own path
    ///   length forbids another CA below it.
    public func issueIntermediate(
        subject: DistinguishedName,
        key: PrivateKey,
        validity: Validity,
        pathLength: Int? = 0
    ) throws(CertificateError) -> CertificateAuthority {
        if let parentLength = self.certificate.details.pathLength {
            guard parentLength > 0 else {
                throw .invalidIssuanceParameter(
                    name: "pathLength", detail: "the issuing CA has path length 0 and may issue only leaf certificates")
            }
            if let pathLength, pathLength >= parentLength {
                throw .invalidIssuanceParameter(
                    name: "pathLength", detail: "must be below the issuing CA's path length \(parentLength)")
            }
        }
        let certificate = try Self.build(
            subject: subject,
            publicKey: key.publicKey,
            issuer: self.certificate,
            signingKey: self.key,
            validity: validity
        ) { x509, issuer throws(CertificateError) in
            try Self.addCAExtensions(x509, issuer: issuer, pathLength: pathLength)
        }
        return CertificateAuthority(unchecked: certificate, key: key)
    }

    /// Issues an end-entity certificate signed by this CA.
    /// - Parameters:
    ///   - subject: the certificate's name.
    ///   - publicKey: the subject's public key (from ``PrivateKey/publicKey`` or a CSR).
    ///   - subjectAlternativeNames: DNS names, IPs, emails, URIs.
    ///   - validity: its validity.
    ///   - keyUsage: key usage bits; nil picks digitalSignature (+ keyEncipherment for RSA).
    ///   - extendedKeyUsage: purposes; empty leaves the extension out.
    /// - Returns: the certificate.
    /// - Throws: ``CertificateError`` for invalid parameters or signing failures.
    public func issueLeaf(
        subject: DistinguishedName,
        publicKey: PublicKey,
        subjectAlternativeNames: [SubjectAlternativeName],
        validity: Validity,
        keyUsage: [KeyUsage]? = nil,
        extendedKeyUsage: [ExtendedKeyUsage] = [.serverAuth]
    ) throws(CertificateError) -> Certificate {
        let name = try X509Building.makeName(subject)
        defer { X509_NAME_free(name) }
        return try self.issueLeaf(
            subjectName: name,
            publicKey: publicKey,
            subjectAlternativeNames: subjectAlternativeNames,
            validity: validity,
            keyUsage: keyUsage,
            extendedKeyUsage: extendedKeyUsage
        )
    }

    /// Issues an end-entity certificate for a CSR after checking its self-signature.
    /// - Parameters:
    ///   - request: the CSR; its subject is used, and its SANs unless `subjectAlternativeNames` is given.
    ///   - subjectAlternativeNames: overrides the requested SANs when not nil.
    ///   - validity, keyUsage, extendedKeyUsage: as in ``issueLeaf(subject:publicKey:subjectAlternativeNames:validity:keyUsage:extendedKeyUsage:)``.
    /// - Returns: the certificate.
    /// - Throws: ``CertificateError/requestSignatureInvalid(diagnostics:)`` for a forged or damaged CSR.
    public func issueLeaf(
        for request: CertificateSigningRequest,
        subjectAlternativeNames: [SubjectAlternativeName]? = nil,
        validity: Validity,
        keyUsage: [KeyUsage]? = nil,
        extendedKeyUsage: [ExtendedKeyUsage] = [.serverAuth]
    ) throws(CertificateError) -> Certificate {
        guard request.isSignatureValid else { throw .requestSignatureInvalid(diagnostics: nil) }
        guard let subjectName = X509_REQ_get_subject_name(request.handle.pointer) else {
            throw .invalidIssuanceParameter(name: "subject", detail: "the request has no subject")
        }
        return try self.issueLeaf(
            subjectName: subjectName,
            publicKey: request.publicKey,
            subjectAlternativeNames: subjectAlternativeNames ?? request.subjectAlternativeNames,
            validity: validity,
            keyUsage: keyUsage,
            extendedKeyUsage: extendedKeyUsage
        )
    }

    private func issueLeaf(
        subjectName: OpaquePointer,
        publicKey: PublicKey,
        subjectAlternativeNames: [SubjectAlternativeName],
        validity: Validity,
        keyUsage: [KeyUsage]?,
        extendedKeyUsage: [ExtendedKeyUsage]
    ) throws(CertificateError) -> Certificate {
        let usages: [KeyUsage]
        if let keyUsage {
            usages = keyUsage
        } else if case .rsa = publicKey.algorithm {
            usages = [.digitalSignature, .keyEncipherment]
        } else {
            usages = [.digitalSignature]
        }
        return try Self.build(
            subjectName: subjectName,
            publicKey: publicKey,
            issuer: self.certificate,
            signingKey: self.key,
            validity: validity
        ) { x509, issuer throws(CertificateError) in
            try X509Building.addExtension(x509, issuer: issuer, nid: NID_basic_constraints, "critical,CA:FALSE")
            if !usages.isEmpty {
                try X509Building.addExtension(
                    x509, issuer: issuer, nid: NID_key_usage, X509Building.keyUsageValue(usages))
            }
            if !extendedKeyUsage.isEmpty {
                try X509Building.addExtension(
                    x509, issuer: issuer, nid: NID_ext_key_usage, X509Building.extendedKeyUsageValue(extendedKeyUsage)
                )
            }
            try X509Building.addKeyIdentifiers(x509, issuer: issuer)
            if !subjectAlternativeNames.isEmpty {
                let names = try X509Building.makeGeneralNames(subjectAlternativeNames)
                defer { shim_GENERAL_NAMES_free(names) }
                guard X509_add1_ext_i2d(x509, NID_subject_alt_name, UnsafeMutableRawPointer(names), 0, 0) == 1 else {
                    throw .cryptoFailure(
                        operation: "X509_add1_ext_i2d", diagnostics: OpenSSLError.drain(after: "X509_add1_ext_i2d")
                    )
                }
            }
        }
    }

    /// basicConstraints CA (with path length), keyCertSign + cRLSign, and key identifiers.
    private static func addCAExtensions(_ x509: OpaquePointer, issuer: OpaquePointer, pathLength: Int?)
        throws(CertificateError)
    {
        let constraints = pathLength.map { "critical,CA:TRUE,pathlen:\($0)" } ?? "critical,CA:TRUE"
        try X509Building.addExtension(x509, issuer: issuer, nid: NID_basic_constraints, constraints)
        try X509Building.addExtension(x509, issuer: issuer, nid: NID_key_usage, "critical,keyCertSign,cRLSign")
        try X509Building.addKeyIdentifiers(x509, issuer: issuer)
    }

    private static func build(
        subject: DistinguishedName,
        publicKey: PublicKey,
        issuer: Certificate?,
        signingKey: PrivateKey,
        validity: Validity,
        extensions: (OpaquePointer, OpaquePointer) throws(CertificateError) -> Void
    ) throws(CertificateError) -> Certificate {
        let name = try X509Building.makeName(subject)
        defer { X509_NAME_free(name) }
        return try self.build(
            subjectName: name,
            publicKey: publicKey,
            issuer: issuer,
            signingKey: signingKey,
            validity: validity,
            extensions: extensions
        )
    }

    /// Assembles, extends and signs one certificate. `extensions` gets (certificate, issuer
    /// certificate); for a root the issuer is the certificate itself.
    private static func build(
        subjectName: OpaquePointer,
        publicKey: PublicKey,
        issuer: Certificate?,
        signingKey: PrivateKey,
        validity: Validity,
        extensions: (OpaquePointer, OpaquePointer) throws(CertificateError) -> Void
    ) throws(CertificateError) -> Certificate {
        OpenSSLError.clearQueue()
        guard let x509 = X509_new() else { preconditionFailure("X509_new: out of memory") }
        var owned: OpaquePointer? = x509
        defer { if let owned { X509_free(owned) } }
        X509_set_version(x509, 2)
        try X509Building.setRandomSerial(x509)
        X509_set_subject_name(x509, subjectName)
        X509_set_issuer_name(x509, issuer.map { X509_get_subject_name($0.handle.pointer) } ?? subjectName)
        guard X509_set_pubkey(x509, publicKey.handle.pointer) == 1 else {
            throw .cryptoFailure(
                operation: "X509_set_pubkey", diagnostics: OpenSSLError.drain(after: "X509_set_pubkey"))
        }
        try X509Building.setValidity(x509, validity)
        try extensions(x509, issuer?.handle.pointer ?? x509)
        try Signer.sign(with: signingKey, operation: "X509_sign_ctx") { X509_sign_ctx(x509, $0) }
        owned = nil
        return try Certificate(taking: x509)
    }
}

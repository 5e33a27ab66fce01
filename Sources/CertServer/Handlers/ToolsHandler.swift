import CertAPI
import CertCrypto
import CertDomain
import CertWire
import Foundation

/// Answers the Tools service: stateless conversions and checks with CertCrypto.
///
/// Role: the only handler that calls CertCrypto directly (value types only; nothing is stored or
/// audited), because these operations have no domain rules. Callers must still be authenticated,
/// so the service is not an anonymous crypto oracle.
/// Invariants: passwords and keys are never logged; errors map through the same
/// ``WireStatusConvertible`` conformances as the domain's.
/// Isolation: an immutable value; each call works on its own values.
struct ToolsHandler: ToolsService.Handler {
    /// Authentication and error mapping.
    let gateway: DomainGateway

    /// The alias or friendly name written when the request names none.
    static let defaultAlias = "certd"

    func convert(_ request: ConvertRequest, context: CallContext) async throws -> ConvertResponse {
        try await self.gateway.call(context, ToolsService.Method.convert) { _ in
            let contents = try Self.read(request)
            return try Self.write(contents, request: request)
        }
    }

    func matchKey(_ request: MatchKeyRequest, context: CallContext) async throws -> MatchKeyResponse {
        try await self.gateway.call(context, ToolsService.Method.matchKey) { _ in
            let certificate = try CertificateBundle.parseCertificates(request.certificate, field: .certificate)[0]
            let key = try PrivateKey(
                bytes: request.privateKey,
                passphrase: request.passphrase.isEmpty ? nil : Array(request.passphrase.utf8)
            )
            return MatchKeyResponse(
                matches: KeyMatcher.matches(certificate: certificate, key: key),
                certificateKeyFingerprint: certificate.publicKey.fingerprint,
                privateKeyFingerprint: key.publicKey.fingerprint,
                certificateKeyAlgorithm: certificate.publicKey.algorithm.description,
                privateKeyAlgorithm: key.algorithm.description
            )
        }
    }

    func describe(_ request: DescribeRequest, context: CallContext) async throws -> DescribeResponse {
        try await self.gateway.call(context, ToolsService.Method.describe) { _ in
            let bundle = try CertificateBundle.parse(
                certificatePEM: request.certificate,
                chainPEM: request.chain.isEmpty ? nil : request.chain
            )
            var warnings: [CertAPI.CertificateWarning] = []
            if case .incomplete(_, let missing) = bundle.chain.completeness {
                warnings.append(
                    CertAPI.CertificateWarning(
                        code: "chainIncomplete",
                        message: "The chain stops before a root: the issuer \(missing) was not supplied."
                    )
                )
            }
            return DescribeResponse(
                details: bundle.leaf.details.wire,
                chainLength: UInt32(bundle.chain.certificates.count - 1),
                chainComplete: bundle.chain.isComplete,
                warnings: warnings,
                chain: bundle.chain.certificates.dropFirst().map(\.details.wire)
            )
        }
    }

    // MARK: Conversion steps

    /// Reads the request's input as key-store contents, whatever its format.
    /// - Throws: ``CertificateError`` or ``KeyStoreError`` for bad input, ``DomainError`` for a
    ///   missing format.
    static func read(_ request: ConvertRequest) throws -> KeyStoreContents {
        let passphrase = request.password.isEmpty ? nil : Array(request.password.utf8)
        switch request.from {
        case .pfx, .jks:
            let entries = try KeyStoreContents.read(
                keyStore: request.input,
                password: request.password,
                keyPassword: request.keyPassword.isEmpty ? nil : request.keyPassword
            )
            guard let first = entries.first(where: { $0.privateKeyPKCS8DER != nil }) ?? entries.first else {
                throw KeyStoreError.corrupt(detail: "the key store has no entries")
            }
            return first
        case .pkcs8:
            let key = try PrivateKey(bytes: request.input, passphrase: passphrase)
            return KeyStoreContents(privateKeyPKCS8DER: key.pkcs8DER, certificateDER: nil)
        case .pem:
            let bundle = try CertificateBundle.parse(
                certificatePEM: request.input, chainPEM: request.chain.isEmpty ? nil : request.chain)
            let key =
                try request.privateKey.isEmpty ? nil : PrivateKey(bytes: request.privateKey, passphrase: passphrase)
            if let key { try KeyMatcher.check(certificate: bundle.leaf, key: key) }
            return KeyStoreContents(
                privateKeyPKCS8DER: key?.pkcs8DER,
                certificateDER: bundle.leaf.der,
                chainDER: bundle.chain.certificates.dropFirst().map(\.der)
            )
        case .formatUnspecified, .unrecognized:
            throw DomainError.invalidArgument(field: "from", detail: "one of pem, pfx, jks, pkcs8")
        }
    }

    /// Writes `contents` in the requested output format.
    /// - Throws: ``KeyStoreError`` when the output cannot be built, ``DomainError`` for an unknown format.
    static func write(_ contents: KeyStoreContents, request: ConvertRequest) throws -> ConvertResponse {
        let alias = request.alias.isEmpty ? contents.friendlyName ?? Self.defaultAlias : request.alias
        let password = request.outputPassword.isEmpty ? request.password : request.outputPassword
        var response = ConvertResponse(alias: contents.friendlyName ?? "")
        switch request.to {
        case .formatUnspecified, .pem:
            response.certificatePEM = contents.certificatePEM ?? ""
            response.chainPEM = contents.chainPEM
            response.privateKeyPEM = contents.privateKeyPEM ?? ""
        case .pkcs8:
            guard let key = contents.privateKeyPKCS8DER else {
                throw DomainError.invalidArgument(field: "input", detail: "the input holds no private key")
            }
            response.privateKeyPEM = PEMEncoding.privateKey(key)
            response.output = key
        case .pfx, .jks:
            response.output = try contents.keyStoreBytes(
                request.to, field: "to", password: password,
                keyPassword: request.keyPassword.isEmpty ? nil : request.keyPassword, alias: alias,
                isLegacyEncryption: request.legacyEncryption)
        case .unrecognized:
            throw DomainError.invalidArgument(field: "to", detail: "one of pem, pfx, jks, pkcs8")
        }
        return response
    }
}

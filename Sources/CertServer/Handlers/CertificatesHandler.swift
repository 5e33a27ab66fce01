import CertAPI
import CertCrypto
import CertDomain
import CertWire

/// Answers the Certificates service by calling ``CertificateInventory``.
///
/// Role: translation only. Validation, ownership (another account's entry is `notFound`),
/// sealing and auditing are the domain's; this type never decides who may see what.
/// Invariants: every call is authenticated through ``DomainGateway``; passphrases are passed on
/// as bytes and never logged.
/// Isolation: an immutable value.
struct CertificatesHandler: CertificatesService.Handler {
    /// Authentication, domain access and error mapping.
    let gateway: DomainGateway

    /// Default page size of ListCertificates.
    static let defaultPageSize = 100

    /// Replacement and redeployment; nil when certd runs without deployments.
    var deployments: DeploymentBoard?

    private var inventory: CertificateInventory { self.gateway.inventory }

    func uploadCertificate(_ request: UploadCertificateRequest, context: CallContext) async throws
        -> UploadCertificateResponse
    {
        try await self.gateway.call(context, CertificatesService.Method.uploadCertificate) { caller in
            let upload = CertificateUpload(
                name: request.name,
                certificate: request.certificate,
                chain: Self.nonEmpty(request.chain),
                privateKey: Self.nonEmpty(request.privateKey),
                passphrase: Self.passphrase(request.passphrase),
                csrID: request.csrID.map(CSRID.init(rawValue:)),
                resourceGroup: request.resourceGroup,
                tags: request.tags
            )
            return self.response(try await self.inventory.uploadCertificate(caller, upload))
        }
    }

    func uploadSM2Certificate(_ request: UploadSM2CertificateRequest, context: CallContext) async throws
        -> UploadCertificateResponse
    {
        try await self.gateway.call(context, CertificatesService.Method.uploadSM2Certificate) { caller in
            let signingPassphrase = Self.passphrase(request.passphrase)
            let upload = SM2DualUpload(
                name: request.name,
                signingCertificate: request.signingCertificate,
                signingPrivateKey: request.signingKey,
                encryptionCertificate: request.encryptionCertificate,
                encryptionPrivateKey: request.encryptionKey,
                chain: Self.nonEmpty(request.chain),
                signingPassphrase: signingPassphrase,
                encryptionPassphrase: Self.passphrase(request.encryptionPassphrase) ?? signingPassphrase,
                resourceGroup: request.resourceGroup,
                tags: request.tags
            )
            return self.response(try await self.inventory.uploadSM2DualCertificate(caller, upload))
        }
    }

    func getCertificate(_ request: GetCertificateRequest, context: CallContext) async throws -> CertAPI.Certificate {
        try await self.gateway.call(context, CertificatesService.Method.getCertificate) { caller in
            let entry = try self.inventory.certificate(caller, id: CertificateID(rawValue: request.id))
            var wire = entry.wire(now: self.inventory.now(), isDetailed: true)
            wire.addShareStatus(of: entry, shares: try self.inventory.shares(of: entry))
            return wire
        }
    }

    func listCertificates(_ request: ListCertificatesRequest, context: CallContext) async throws
        -> ListCertificatesResponse
    {
        try await self.gateway.call(context, CertificatesService.Method.listCertificates) { caller in
            let listing = try self.inventory.listCertificates(
                caller,
                filter: try request.domainFilter(),
                sort: try request.domainSort(),
                limit: request.limit == 0 ? Self.defaultPageSize : Int(request.limit),
                pageToken: request.pageToken.isEmpty ? nil : request.pageToken
            )
            let now = self.inventory.now()
            return ListCertificatesResponse(
                certificates: listing.entries.map { $0.wire(now: now, isDetailed: false) },
                nextPageToken: listing.nextPageToken ?? ""
            )
        }
    }

    func summary(_ request: CertificateSummaryRequest, context: CallContext) async throws -> CertAPI.CertificateSummary
    {
        try await self.gateway.call(context, CertificatesService.Method.summary) { caller in
            try self.inventory.summary(caller).wire
        }
    }

    func updateCertificate(_ request: UpdateCertificateRequest, context: CallContext) async throws
        -> CertAPI.Certificate
    {
        try await self.gateway.call(context, CertificatesService.Method.updateCertificate) { caller in
            let update = CertificateUpdate(
                name: request.name,
                setTags: request.setTags,
                removeTags: request.removeTags,
                resourceGroup: request.resourceGroup
            )
            let entry = try await self.inventory.updateCertificate(
                caller, id: CertificateID(rawValue: request.id), update)
            return entry.wire(now: self.inventory.now(), isDetailed: true)
        }
    }

    func deleteCertificate(_ request: DeleteCertificateRequest, context: CallContext) async throws
        -> DeleteCertificateResponse
    {
        try await self.gateway.call(context, CertificatesService.Method.deleteCertificate) { caller in
            let entry = try await self.inventory.deleteCertificate(caller, id: CertificateID(rawValue: request.id))
            return DeleteCertificateResponse(id: entry.id.rawValue)
        }
    }

    func downloadCertificate(_ request: DownloadCertificateRequest, context: CallContext) async throws
        -> DownloadCertificateResponse
    {
        try await self.gateway.call(context, CertificatesService.Method.downloadCertificate) { caller in
            let wantsKeyStore = request.format == .pfx || request.format == .jks
            guard request.format == .formatUnspecified || request.format == .pem || wantsKeyStore else {
                throw DomainError.invalidArgument(field: "format", detail: "one of pem, pfx, jks")
            }
            // Checked before the download so that a refused request decrypts (and audits) nothing.
            if wantsKeyStore && request.password.isEmpty {
                throw DomainError.invalidArgument(field: "password", detail: "required for a pfx or jks download")
            }
            let download = try await self.inventory.downloadCertificate(
                caller, id: CertificateID(rawValue: request.id))
            let entry = download.entry
            var keyStore: [UInt8] = []
            if wantsKeyStore {
                keyStore = try KeyStoreContents(
                    privateKeyPKCS8DER: download.privateKeyPKCS8, certificateDER: entry.leafDER,
                    chainDER: entry.chainDER
                )
                .keyStoreBytes(
                    request.format, field: "format", password: request.password, keyPassword: nil, alias: entry.name,
                    isLegacyEncryption: request.legacyEncryption)
            }
            return DownloadCertificateResponse(
                certificatePEM: PEMEncoding.certificate(entry.leafDER),
                chainPEM: PEMEncoding.certificates(entry.chainDER),
                privateKeyPEM: download.privateKeyPKCS8.map(PEMEncoding.privateKey) ?? "",
                encryptionCertificatePEM: entry.encryptionCertificateDER.map(PEMEncoding.certificate) ?? "",
                encryptionPrivateKeyPEM: download.encryptionPrivateKeyPKCS8.map(PEMEncoding.privateKey) ?? "",
                id: entry.id.rawValue,
                name: entry.name,
                keyStore: keyStore
            )
        }
    }

    func replaceCertificate(_ request: ReplaceCertificateRequest, context: CallContext) async throws
        -> ReplaceCertificateResponse
    {
        try await self.gateway.call(context, CertificatesService.Method.replaceCertificate) { caller in
            guard let deployments = self.deployments else {
                throw RPCError(.unimplemented, "this certd serves no deployments", reason: "unimplemented")
            }
            let result = try await deployments.replaceCertificate(
                caller, id: CertificateID(rawValue: request.id),
                CertificateReplacement(
                    certificate: request.certificate, chain: Self.nonEmpty(request.chain),
                    privateKey: request.privateKey, passphrase: Self.passphrase(request.passphrase)))
            return ReplaceCertificateResponse(
                certificate: result.entry.wire(now: self.inventory.now(), isDetailed: true),
                redeployJob: result.redeployJob?.wire)
        }
    }

    // MARK: Conversions

    private func response(_ result: UploadResult) -> UploadCertificateResponse {
        UploadCertificateResponse(
            certificate: result.entry.wire(now: self.inventory.now(), isDetailed: true),
            duplicateIDs: result.sameFingerprint.map(\.rawValue)
        )
    }

    /// Empty byte fields mean "not given".
    static func nonEmpty(_ bytes: [UInt8]) -> [UInt8]? { bytes.isEmpty ? nil : bytes }

    /// An empty passphrase means "none"; otherwise its UTF-8 bytes.
    static func passphrase(_ text: String) -> [UInt8]? { text.isEmpty ? nil : Array(text.utf8) }
}

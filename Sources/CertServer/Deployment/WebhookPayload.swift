import CertDomain

/// The JSON a webhook target receives.
///
/// Invariant: `privateKeyPEM` and `encryptionPrivateKeyPEM` (SM2 dual entries) are present only
/// when the target's `allowKey` is true (the domain leaves them out of the material otherwise).
struct WebhookPayload: Encodable {
    struct Target: Encodable {
        var id: String
        var name: String
        var kind: String
        var resourceID: String
        var region: String
    }

    var event = "certificateDeployment"
    var certificateID: String
    var certificateName: String
    var fingerprintSHA256: String
    var certificatePEM: String
    var chainPEM: String
    var fullChainPEM: String
    var privateKeyPEM: String?
    /// SM2 dual entries only.
    var encryptionCertificatePEM: String?
    var encryptionPrivateKeyPEM: String?
    var target: Target

    init(material: DeploymentMaterial, target: DeploymentTarget) {
        self.certificateID = material.certificateID
        self.certificateName = material.certificateName
        self.fingerprintSHA256 = material.fingerprintSHA256
        self.certificatePEM = material.certificatePEM
        self.chainPEM = material.chainPEM
        self.fullChainPEM = material.fullChainPEM
        self.privateKeyPEM = target.allowKey ? material.privateKeyPEM : nil
        self.encryptionCertificatePEM = material.encryptionCertificatePEM
        self.encryptionPrivateKeyPEM = target.allowKey ? material.encryptionPrivateKeyPEM : nil
        self.target = Target(
            id: target.id.rawValue, name: target.name, kind: target.kind.rawValue, resourceID: target.resourceID,
            region: target.region)
    }
}

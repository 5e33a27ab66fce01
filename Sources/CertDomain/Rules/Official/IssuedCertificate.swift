/// What one issuance by the official issuer produced, before it is stored in an entry.
///
/// Role: handed from ``OfficialCertificates``' nonisolated issuance step to its write step.
/// Invariants: `sealedKeys` are bound to the entry id they were issued for; `details` describe
/// `leafDER`; `algorithm == .sm2` iff `encryptionCertificateDER != nil`.
/// Isolation: a value type.
struct IssuedCertificate: Sendable {
    var algorithm: AlgorithmFamily
    var leafDER: [UInt8]
    var chainDER: [[UInt8]]
    var encryptionCertificateDER: [UInt8]?
    var sealedKeys: [SealedKey]
    var details: CertificateFacts
    var warnings: [CertificateWarning]
}

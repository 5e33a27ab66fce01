/// PKCS#8 `EncryptedPrivateKeyInfo`: `SEQUENCE { AlgorithmIdentifier, OCTET STRING }`.
///
/// Role: the envelope around every private key in a JKS/JCEKS file.
/// Invariant: `parameters` is the raw parameter element (`nil` when absent or NULL).
struct KeyStoreEncryptedKeyInfo {
    var algorithm: String
    var parameters: KeyStoreDER.Element?
    var encryptedData: [UInt8]

    /// Parses the DER; throws ``KeyStoreError/corrupt(detail:)`` naming `alias` when malformed.
    init(der: [UInt8], alias: String) throws(KeyStoreError) {
        let broken = KeyStoreError.corrupt(detail: "the protected key of entry '\(alias)' is not valid DER")
        guard let outer = KeyStoreDER.elements(der), outer.count == 1, outer[0].tag == KeyStoreDER.sequenceTag,
            let fields = KeyStoreDER.elements(outer[0].content), fields.count == 2,
            fields[0].tag == KeyStoreDER.sequenceTag, fields[1].tag == KeyStoreDER.octetStringTag,
            let algorithmFields = KeyStoreDER.elements(fields[0].content), (1...2).contains(algorithmFields.count),
            algorithmFields[0].tag == KeyStoreDER.objectIdentifierTag,
            let oid = KeyStoreDER.objectIdentifierString(algorithmFields[0].content)
        else { throw broken }
        self.algorithm = oid
        let parameters = algorithmFields.count == 2 ? algorithmFields[1] : nil
        self.parameters = parameters?.tag == KeyStoreDER.nullTag ? nil : parameters
        self.encryptedData = fields[1].content
    }

    init(algorithm: String, parameters: KeyStoreDER.Element?, encryptedData: [UInt8]) {
        self.algorithm = algorithm
        self.parameters = parameters
        self.encryptedData = encryptedData
    }

    /// The DER encoding; absent parameters are written as NULL, as Java's `AlgorithmId` does.
    var der: [UInt8] {
        let parameters =
            self.parameters.map { KeyStoreDER.encode(tag: $0.tag, $0.content) }
            ?? KeyStoreDER.encode(tag: KeyStoreDER.nullTag, [])
        let algorithm = KeyStoreDER.encode(
            tag: KeyStoreDER.sequenceTag,
            KeyStoreDER.encodeObjectIdentifier(self.algorithm) + parameters
        )
        return KeyStoreDER.encode(
            tag: KeyStoreDER.sequenceTag,
            algorithm + KeyStoreDER.encode(tag: KeyStoreDER.octetStringTag, self.encryptedData)
        )
    }
}

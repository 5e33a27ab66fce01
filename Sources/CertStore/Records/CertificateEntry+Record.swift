import CertDomain
import Foundation

/// The stored form of a certificate entry (table `certs`, key: the id's UTF-8).
///
/// Version 1 layout, after the version byte: id, owner, name, source, algorithm, leaf DER, chain DERs,
/// encryption certificate DER?, sealed keys (role, blob), facts (subject, issuer, commonName?, SANs,
/// serial, fingerprint, key algorithm, key size?, curve?, signature algorithm, notBefore, notAfter,
/// chain length, chain complete), resource group, tags, createdAt, updatedAt, csrID?, sharedFrom?,
/// warnings (code, message). DER is kept as DER (a third smaller than PEM) so typical records stay small.
extension CertificateEntry {
    static let recordVersion: UInt8 = 1

    func encodeRecord() -> [UInt8] {
        let chainBytes = self.chainDER.reduce(0) { $0 + $1.count }
        var writer = RecordWriter(
            version: Self.recordVersion,
            capacity: 512 + self.leafDER.count + chainBytes + (self.encryptionCertificateDER?.count ?? 0)
        )
        writer.writeString(self.id.rawValue)
        writer.writeString(self.ownerAccountID.rawValue)
        writer.writeString(self.name)
        writer.writeString(self.source.rawValue)
        writer.writeString(self.algorithm.rawValue)
        writer.writeBytes(self.leafDER)
        writer.writeCount(self.chainDER.count)
        for der in self.chainDER {
            writer.writeBytes(der)
        }
        writer.writeOptionalBytes(self.encryptionCertificateDER)
        writer.writeCount(self.sealedKeys.count)
        for key in self.sealedKeys {
            writer.writeSealedKey(key)
        }
        let facts = self.details
        writer.writeString(facts.subject)
        writer.writeString(facts.issuer)
        writer.writeOptionalString(facts.commonName)
        writer.writeStrings(facts.sans)
        writer.writeString(facts.serialNumberHex)
        writer.writeString(facts.fingerprintSHA256)
        writer.writeString(facts.keyAlgorithm.rawValue)
        if let bits = facts.keySizeBits {
            writer.writeByte(1)
            writer.writeInt64(Int64(bits))
        } else {
            writer.writeByte(0)
        }
        writer.writeOptionalString(facts.curve)
        writer.writeString(facts.signatureAlgorithm)
        writer.writeDate(facts.notBefore)
        writer.writeDate(facts.notAfter)
        writer.writeInt64(Int64(facts.chainLength))
        writer.writeBool(facts.isChainComplete)
        writer.writeString(self.resourceGroup)
        writer.writeStringMap(self.tags)
        writer.writeDate(self.createdAt)
        writer.writeDate(self.updatedAt)
        writer.writeOptionalString(self.csrID?.rawValue)
        if let origin = self.sharedFrom {
            writer.writeByte(1)
            writer.writeString(origin.ownerAccountID.rawValue)
            writer.writeString(origin.certificateID.rawValue)
        } else {
            writer.writeByte(0)
        }
        writer.writeCount(self.warnings.count)
        for warning in self.warnings {
            writer.writeString(warning.code)
            writer.writeString(warning.message)
        }
        return writer.bytes
    }

    init(record: UnsafeRawBufferPointer) throws(RecordDecodingError) {
        var reader = RecordReader(record)
        try reader.expectVersion(Self.recordVersion)
        let id = CertificateID(rawValue: try reader.readString())
        let owner = AccountID(rawValue: try reader.readString())
        let name = try reader.readString()
        let source = try reader.readEnum(CertificateSource.self)
        let algorithm = try reader.readEnum(AlgorithmFamily.self)
        let leaf = try reader.readBytes()
        let chainCount = try reader.readCount()
        var chain: [[UInt8]] = []
        chain.reserveCapacity(min(chainCount, 16))
        for _ in 0..<chainCount {
            chain.append(try reader.readBytes())
        }
        let encryptionCertificate = try reader.readOptionalBytes()
        let keyCount = try reader.readCount()
        var keys: [SealedKey] = []
        for _ in 0..<keyCount {
            keys.append(try reader.readSealedKey())
        }
        let subject = try reader.readString()
        let issuer = try reader.readString()
        let commonName = try reader.readOptionalString()
        let sans = try reader.readStrings()
        let serial = try reader.readString()
        let fingerprint = try reader.readString()
        let keyAlgorithm = try reader.readEnum(KeyFamily.self)
        let keySizeBits: Int? = try reader.readBool() ? Int(try reader.readInt64()) : nil
        let curve = try reader.readOptionalString()
        let signatureAlgorithm = try reader.readString()
        let notBefore = try reader.readDate()
        let notAfter = try reader.readDate()
        let chainLength = Int(try reader.readInt64())
        let isChainComplete = try reader.readBool()
        let resourceGroup = try reader.readString()
        let tags = try reader.readStringMap()
        let createdAt = try reader.readDate()
        let updatedAt = try reader.readDate()
        let csrID = try reader.readOptionalString().map(CSRID.init(rawValue:))
        var sharedFrom: ShareOrigin?
        if try reader.readBool() {
            let originOwner = AccountID(rawValue: try reader.readString())
            let originID = CertificateID(rawValue: try reader.readString())
            sharedFrom = ShareOrigin(ownerAccountID: originOwner, certificateID: originID)
        }
        let warningCount = try reader.readCount()
        var warnings: [CertificateWarning] = []
        for _ in 0..<warningCount {
            let code = try reader.readString()
            warnings.append(CertificateWarning(code: code, message: try reader.readString()))
        }
        try reader.expectEnd()
        self.init(
            id: id,
            ownerAccountID: owner,
            name: name,
            source: source,
            algorithm: algorithm,
            leafDER: leaf,
            chainDER: chain,
            encryptionCertificateDER: encryptionCertificate,
            sealedKeys: keys,
            details: CertificateFacts(
                subject: subject,
                issuer: issuer,
                commonName: commonName,
                sans: sans,
                serialNumberHex: serial,
                fingerprintSHA256: fingerprint,
                keyAlgorithm: keyAlgorithm,
                keySizeBits: keySizeBits,
                curve: curve,
                signatureAlgorithm: signatureAlgorithm,
                notBefore: notBefore,
                notAfter: notAfter,
                chainLength: chainLength,
                isChainComplete: isChainComplete
            ),
            resourceGroup: resourceGroup,
            tags: tags,
            createdAt: createdAt,
            updatedAt: updatedAt,
            csrID: csrID,
            sharedFrom: sharedFrom,
            warnings: warnings
        )
    }
}

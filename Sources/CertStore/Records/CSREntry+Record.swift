import CertDomain
import Foundation

/// The stored form of a CSR entry (table `csrs`, key: the id's UTF-8).
///
/// Version 1 layout, after the version byte: id, owner, CSR DER, sealed key?, subject, commonName?, SANs,
/// key algorithm, createdAt, usedByCertificateID?.
extension CSREntry {
    static let recordVersion: UInt8 = 1

    func encodeRecord() -> [UInt8] {
        var writer = RecordWriter(version: Self.recordVersion, capacity: 256 + self.csrDER.count)
        writer.writeString(self.id.rawValue)
        writer.writeString(self.ownerAccountID.rawValue)
        writer.writeBytes(self.csrDER)
        if let key = self.sealedKey {
            writer.writeByte(1)
            writer.writeSealedKey(key)
        } else {
            writer.writeByte(0)
        }
        writer.writeString(self.subject)
        writer.writeOptionalString(self.commonName)
        writer.writeStrings(self.sans)
        writer.writeString(self.keyAlgorithm.rawValue)
        writer.writeDate(self.createdAt)
        writer.writeOptionalString(self.usedByCertificateID?.rawValue)
        return writer.bytes
    }

    init(record: UnsafeRawBufferPointer) throws(RecordDecodingError) {
        var reader = RecordReader(record)
        try reader.expectVersion(Self.recordVersion)
        let id = CSRID(rawValue: try reader.readString())
        let owner = AccountID(rawValue: try reader.readString())
        let der = try reader.readBytes()
        let sealedKey = try reader.readBool() ? try reader.readSealedKey() : nil
        let subject = try reader.readString()
        let commonName = try reader.readOptionalString()
        let sans = try reader.readStrings()
        let keyAlgorithm = try reader.readEnum(KeyFamily.self)
        let createdAt = try reader.readDate()
        let usedBy = try reader.readOptionalString().map(CertificateID.init(rawValue:))
        try reader.expectEnd()
        self.init(
            id: id,
            ownerAccountID: owner,
            csrDER: der,
            sealedKey: sealedKey,
            subject: subject,
            commonName: commonName,
            sans: sans,
            keyAlgorithm: keyAlgorithm,
            createdAt: createdAt,
            usedByCertificateID: usedBy
        )
    }
}

import CertDomain
import Foundation

/// The stored form of an account (table `accounts`, key: the id's UTF-8).
///
/// Version 1 layout, after the version byte: id, display name, identity (name, kind, verified), site,
/// role, createdAt, client-certificate fingerprints.
extension Account {
    static let recordVersion: UInt8 = 1

    func encodeRecord() -> [UInt8] {
        var writer = RecordWriter(version: Self.recordVersion, capacity: 256)
        writer.writeString(self.id.rawValue)
        writer.writeString(self.displayName)
        writer.writeString(self.verifiedIdentity.name)
        writer.writeString(self.verifiedIdentity.kind.rawValue)
        writer.writeBool(self.verifiedIdentity.isVerified)
        writer.writeString(self.site.rawValue)
        writer.writeString(self.role.rawValue)
        writer.writeDate(self.createdAt)
        writer.writeStrings(self.clientCertificateFingerprints)
        return writer.bytes
    }

    init(record: UnsafeRawBufferPointer) throws(RecordDecodingError) {
        var reader = RecordReader(record)
        try reader.expectVersion(Self.recordVersion)
        let id = AccountID(rawValue: try reader.readString())
        let displayName = try reader.readString()
        let identityName = try reader.readString()
        let kind = try reader.readEnum(VerifiedIdentity.Kind.self)
        let isVerified = try reader.readBool()
        let site = try reader.readEnum(Account.Site.self)
        let role = try reader.readEnum(Account.Role.self)
        let createdAt = try reader.readDate()
        let fingerprints = try reader.readStrings()
        try reader.expectEnd()
        self.init(
            id: id,
            displayName: displayName,
            verifiedIdentity: VerifiedIdentity(name: identityName, kind: kind, isVerified: isVerified),
            site: site,
            role: role,
            createdAt: createdAt,
            clientCertificateFingerprints: fingerprints
        )
    }
}

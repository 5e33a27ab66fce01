import CertDomain
import Foundation

extension RecordWriter {
    /// A date as the bit pattern of its `timeIntervalSinceReferenceDate`, so every `Date` round-trips exactly.
    mutating func writeDate(_ date: Date) {
        self.writeInt64(Int64(bitPattern: date.timeIntervalSinceReferenceDate.bitPattern))
    }

    mutating func writeSealedKey(_ key: SealedKey) {
        self.writeString(key.role.rawValue)
        self.writeBytes(key.blob)
    }
}

extension RecordReader {
    mutating func readDate() throws(RecordDecodingError) -> Date {
        let bits = UInt64(bitPattern: try self.readInt64())
        return Date(timeIntervalSinceReferenceDate: Double(bitPattern: bits))
    }

    mutating func readSealedKey() throws(RecordDecodingError) -> SealedKey {
        let role = try self.readEnum(KeyRole.self)
        return SealedKey(role: role, blob: try self.readBytes())
    }

    /// Checks the leading version byte.
    mutating func expectVersion(_ version: UInt8) throws(RecordDecodingError) {
        let found = try self.readByte()
        guard found == version else { throw .unknownVersion(found) }
    }

    /// Checks that the whole value was consumed.
    func expectEnd() throws(RecordDecodingError) {
        guard self.isAtEnd else { throw .trailingBytes }
    }
}

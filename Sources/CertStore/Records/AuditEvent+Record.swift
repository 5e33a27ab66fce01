import CertDomain
import Foundation

/// The stored form of an audit event (table `audit`, key: the sequence as 8 bytes big-endian).
///
/// Version 1 layout, after the version byte: sequence, time, actor, action, target, outcome (0 success,
/// 1 failure + reason), request id, details, prevHash, hash.
extension AuditEvent {
    static let recordVersion: UInt8 = 1

    func encodeRecord() -> [UInt8] {
        var writer = RecordWriter(version: Self.recordVersion, capacity: 256)
        writer.writeVarint(self.sequence)
        writer.writeDate(self.time)
        writer.writeString(self.actor.rawValue)
        writer.writeString(self.action.rawValue)
        writer.writeString(self.target)
        switch self.outcome {
        case .success:
            writer.writeByte(0)
        case .failure(let reason):
            writer.writeByte(1)
            writer.writeString(reason)
        }
        writer.writeString(self.requestID)
        writer.writeStringMap(self.details)
        writer.writeBytes(self.prevHash)
        writer.writeBytes(self.hash)
        return writer.bytes
    }

    init(record: UnsafeRawBufferPointer) throws(RecordDecodingError) {
        var reader = RecordReader(record)
        try reader.expectVersion(Self.recordVersion)
        let sequence = try reader.readVarint()
        let time = try reader.readDate()
        let actor = AccountID(rawValue: try reader.readString())
        let action = try reader.readEnum(AuditAction.self)
        let target = try reader.readString()
        let outcome: AuditOutcome
        switch try reader.readByte() {
        case 0: outcome = .success
        case 1: outcome = .failure(reason: try reader.readString())
        default: throw .invalidValue
        }
        let requestID = try reader.readString()
        let details = try reader.readStringMap()
        let prevHash = try reader.readBytes()
        let hash = try reader.readBytes()
        try reader.expectEnd()
        self.init(
            sequence: sequence,
            time: time,
            actor: actor,
            action: action,
            target: target,
            outcome: outcome,
            requestID: requestID,
            details: details,
            prevHash: prevHash,
            hash: hash
        )
    }
}

import CertAPI
import CertDomain
import CertWire

extension CertDomain.AuditEvent {
    /// The wire form of an audit event (hashes as lowercase hex).
    var wire: CertAPI.AuditEvent {
        let outcome: String
        var failureReason = ""
        switch self.outcome {
        case .success: outcome = "success"
        case .failure(let reason):
            outcome = "failure"
            failureReason = reason
        }
        return CertAPI.AuditEvent(
            sequence: self.sequence,
            time: Timestamp(self.time),
            actor: self.actor.rawValue,
            action: self.action.rawValue,
            target: self.target,
            outcome: outcome,
            requestID: self.requestID,
            hash: Self.hex(self.hash),
            failureReason: failureReason,
            details: self.details,
            previousHash: Self.hex(self.prevHash)
        )
    }

    /// Lowercase hex of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

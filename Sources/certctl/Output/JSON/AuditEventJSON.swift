import CertAPI

/// The JSON form of one audit event (`audit list`).
///
/// Isolation: a plain value.
struct AuditEventJSON: Encodable {
    var sequence: UInt64
    var time: String
    var actor: String
    var action: String
    var target: String
    var outcome: String
    var failureReason: String?
    var requestID: String
    var details: [String: String]
    var hash: String
    var previousHash: String

    init(_ event: AuditEvent) {
        self.sequence = event.sequence
        self.time = event.time.iso8601
        self.actor = event.actor
        self.action = event.action
        self.target = event.target
        self.outcome = event.outcome
        self.failureReason = event.failureReason.isEmpty ? nil : event.failureReason
        self.requestID = event.requestID
        self.details = event.details
        self.hash = event.hash
        self.previousHash = event.previousHash
    }
}

public import Foundation

/// One entry of the append-only, hash-chained audit log.
///
/// Role: records every mutation and every key download, successful or refused.
/// Invariants: `sequence` starts at 1 and increases by exactly 1 per event (the store refuses a gap);
/// `prevHash` is the previous event's `hash` (32 zero bytes for sequence 1);
/// `hash == SHA-256(prevHash || canonicalBytes)` (see ``AuditEvent/canonicalBytes``). Timestamps are
/// whole milliseconds.
/// Isolation: a value type.
public struct AuditEvent: Sendable, Equatable {
    public var sequence: UInt64
    public var time: Date
    /// Who did it.
    public var actor: AccountID
    public var action: AuditAction
    /// The id of what it was done to (certificate, CSR or account id); empty when none.
    public var target: String
    public var outcome: AuditOutcome
    /// The request id of the RPC that caused it, for correlation with logs.
    public var requestID: String
    /// Small extra facts (`name`, `fingerprint`), never key material.
    public var details: [String: String]
    public var prevHash: [UInt8]
    public var hash: [UInt8]

    public init(
        sequence: UInt64,
        time: Date,
        actor: AccountID,
        action: AuditAction,
        target: String,
        outcome: AuditOutcome,
        requestID: String,
        details: [String: String] = [:],
        prevHash: [UInt8],
        hash: [UInt8]
    ) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.action = action
        self.target = target
        self.outcome = outcome
        self.requestID = requestID
        self.details = details
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The all-zero hash that precedes the first event.
    public static let genesisHash = [UInt8](repeating: 0, count: 32)
}

/// What an audited operation was. Stored by `rawValue`; append-only (issues 6 and 7 add cases).
public enum AuditAction: String, Sendable, Hashable, CaseIterable {
    case accountCreated
    case accountUpdated
    case clientCertificateBound
    case certificateUploaded
    case certificateUpdated
    case certificateDeleted
    case keyDownloaded
    case csrCreated
    case csrUploaded
    case csrDeleted
    // Issue 7: expiry notifications and pending tasks.
    case notificationSettingsUpdated
    case notificationsEnabled
    case notificationsDisabled
    case notificationQuotaAdded
    /// One delivery attempt of an expiry notice (outcome failure when it did not arrive).
    case notificationSent
    case tasksSnoozed
    /// Issue 6: an official certificate was ordered (issued at once) or renewed.
    case certificateOrdered
    case certificateRenewed
    /// Issue 6: an owner shared a certificate, or revoked a share.
    case certificateShared
    case certificateUnshared
    /// Issue 6: a recipient removed a shared certificate from its list (the share ends).
    case sharedCertificateRemoved
    /// Issue 6: a share ended because its original was deleted.
    case shareEnded
    case pcaAuthorityCreated
    case pcaCertificateIssued
    case pcaCertificateRevoked
    case pcaCertificateReissued
    case pcaCertificatesSynced
    case pcaCRLPublished
    /// An intermediate private CA was revoked by its owner (listed on its root's CRL from then on).
    case pcaAuthorityRevoked
    case deploymentTargetCreated
    case deploymentTargetDeleted
    case deploymentRequested
    case deploymentCompleted
    case certificateReplaced
}

/// Whether an audited operation took effect.
public enum AuditOutcome: Sendable, Hashable {
    case success
    /// Refused or failed; `reason` is the ``DomainError/reason`` (`notFound`, `nameTaken`, ...).
    case failure(reason: String)
}

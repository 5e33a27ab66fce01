/// Sends one notice over its channel (webhook POST, SMTP email); implemented outside the domain.
///
/// Role: the port through which the scheduler reaches the network; CertServer implements it on
/// SwiftNIO, tests may implement it with a real loopback sink.
/// Isolation: `Sendable`; called from the scheduler's task.
public protocol ExpiryNoticeDelivering: Sendable {
    /// Delivers `notice` to every destination of its channel.
    /// - Parameter notice: what to send and where.
    /// - Throws: any error when delivery failed (its description is audited, so it must not hold secrets).
    func deliver(_ notice: ExpiryNotice) async throws
}

/// What a service handler knows about the call it is answering.
///
/// Role: built by the RPC server for each call and handed to generated dispatch, so handlers can
/// authorise by the caller's verified certificate and honour the deadline.
/// Invariant: `peer` is set only from a certificate the TLS layer verified; never from metadata.
public struct CallContext: Sendable {
    /// A per-call id for logs and the audit trail.
    public var requestID: String
    /// The verified client certificate of the connection, if the transport has one.
    public var peer: PeerIdentity?
    /// When the caller stops waiting; the server cancels the handler's task past it.
    public var deadline: ContinuousClock.Instant?
    /// Free-form string pairs the caller attached to the call.
    public var metadata: [String: String]

    public init(
        requestID: String,
        peer: PeerIdentity? = nil,
        deadline: ContinuousClock.Instant? = nil,
        metadata: [String: String] = [:]
    ) {
        self.requestID = requestID
        self.peer = peer
        self.deadline = deadline
        self.metadata = metadata
    }
}

/// The identity a verified client certificate gives a connection.
///
/// Invariant: `fingerprintSHA256` is the lowercase hex SHA-256 of the certificate's DER, no colons.
public struct PeerIdentity: Sendable, Hashable {
    /// The subject distinguished name in RFC 4514 form.
    public var subject: String
    /// The subject's common name, when it has one.
    public var commonName: String?
    /// Lowercase hex SHA-256 of the certificate DER.
    public var fingerprintSHA256: String

    public init(subject: String, commonName: String?, fingerprintSHA256: String) {
        self.subject = subject
        self.commonName = commonName
        self.fingerprintSHA256 = fingerprintSHA256
    }
}

/// Puts certificate material onto a target: the boundary between the domain's job rules and the
/// I/O that performs them (files, processes, HTTP), which lives outside CertDomain.
///
/// Role: the runner calls ``deploy(_:to:)`` once per attempt; an implementation chooses how to
/// execute each ``DeploymentTargetKind`` (product kinds by the operator's configuration).
/// Invariants: implementations never log `material.privateKeyPEM`; they return only when the
/// target holds the material.
/// Isolation: `Sendable`; called from the runner's task.
public protocol DeploymentExecutor: Sendable {
    /// Deploys `material` to `target`.
    /// - Parameters:
    ///   - material: the certificate, chain and (if allowed) key.
    ///   - target: where to.
    /// - Throws: ``DeploymentFailure``: `rejected` when retrying cannot help, `failed` otherwise.
    func deploy(_ material: DeploymentMaterial, to target: DeploymentTarget) async throws(DeploymentFailure)
}

/// Reads the leaf a TLS endpoint serves, without judging its chain.
///
/// Isolation: `Sendable`; called from the runner's task.
public protocol EndpointProbe: Sendable {
    /// The SHA-256 fingerprint (lowercase hex) of the leaf `endpoint` serves.
    /// - Parameter endpoint: host, port and SNI.
    /// - Returns: the fingerprint, or `.failure` with a short reason when no TLS answer came.
    func servedFingerprint(_ endpoint: VerificationEndpoint) async -> Result<String, EndpointProbeFailure>
}

/// Why an endpoint gave no leaf (refused, timed out, handshake failed): the text is recorded.
public struct EndpointProbeFailure: Error, Sendable, Equatable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

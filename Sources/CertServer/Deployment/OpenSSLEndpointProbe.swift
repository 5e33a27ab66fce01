public import CertDomain
import CertTLS

/// certd's ``EndpointProbe``: reads the served leaf with ``TLSLeafProbe`` (OpenSSL, no chain check).
///
/// Isolation: a `Sendable` value.
public struct OpenSSLEndpointProbe: EndpointProbe {
    let timeoutMilliseconds: Int

    /// - Parameter timeoutSeconds: bound on connecting and on each handshake step.
    public init(timeoutSeconds: Int = 5) {
        self.timeoutMilliseconds = max(1, timeoutSeconds) * 1000
    }

    public func servedFingerprint(_ endpoint: VerificationEndpoint) async -> Result<String, EndpointProbeFailure> {
        let result = await TLSLeafProbe.fetch(
            host: endpoint.host, port: endpoint.port,
            serverName: endpoint.serverName.isEmpty ? nil : endpoint.serverName,
            timeoutMilliseconds: self.timeoutMilliseconds)
        switch result {
        case .success(let leaf): return .success(leaf.fingerprintSHA256)
        case .failure(let failure): return .failure(EndpointProbeFailure(reason: failure.description))
        }
    }

    /// The SNI to send: the endpoint's own, else its host when that is a DNS name (servers with
    /// several sites choose the certificate by SNI), else none (SNI carries no IP literals).
    static func serverName(for endpoint: VerificationEndpoint) -> String? {
        if !endpoint.serverName.isEmpty { return endpoint.serverName }
        let isAddress = endpoint.host.contains(":") || endpoint.host.allSatisfy { $0.isNumber || $0 == "." }
        return isAddress ? nil : endpoint.host
    }
}

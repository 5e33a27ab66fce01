import CertDomain
import CertWire
import Logging

/// The handlers' single door into the domain: authenticates the caller, runs the operation and
/// turns whatever it throws into the `RPCError` the peer receives.
///
/// Role: every service handler calls ``call(_:_:_:)`` once per RPC, so authentication and error
/// mapping cannot be forgotten by one handler.
/// Invariants: no operation runs without a ``Caller`` resolved from the peer's verified client
/// certificate; unexpected errors are logged with the request id and never echoed to the peer.
/// Isolation: an immutable value; the actors it holds serialise their own writes.
struct DomainGateway: Sendable {
    /// Accounts and authentication.
    let accounts: AccountDirectory
    /// Certificates and CSRs.
    let inventory: CertificateInventory
    /// The hash-chained audit log.
    let auditLog: AuditLog
    /// Where unexpected errors are reported.
    let logger: Logger

    /// Resolves the account bound to the peer's client certificate.
    /// - Parameter context: the call's context (its peer identity comes from the TLS handshake).
    /// - Returns: the caller.
    /// - Throws: ``DomainError/unauthenticated`` without a peer certificate or for an unknown one.
    func caller(_ context: CallContext) throws(DomainError) -> Caller {
        guard let peer = context.peer else { throw .unauthenticated }
        return try self.accounts.authenticate(clientFingerprint: peer.fingerprintSHA256, requestID: context.requestID)
    }

    /// Authenticates the caller, runs `body` and maps any error to the wire.
    /// - Parameters:
    ///   - context: the call's context.
    ///   - method: the RPC's name, for the log.
    ///   - body: the operation, given the authenticated caller.
    /// - Returns: what `body` returns.
    /// - Throws: `RPCError` only.
    func call<Output>(
        _ context: CallContext,
        _ method: RPCMethod,
        _ body: (Caller) async throws -> Output
    ) async throws(RPCError) -> Output {
        do {
            let caller = try self.caller(context)
            return try await body(caller)
        } catch {
            throw self.wireError(for: error, context: context, method: method)
        }
    }

    /// Maps `error` and logs it: unexpected and server-side failures in full (log only), expected
    /// ones at debug level by reason.
    /// - Returns: the error to send.
    func wireError(for error: any Error, context: CallContext, method: RPCMethod) -> RPCError {
        let wire = RPCError(from: error)
        var metadata: Logger.Metadata = [
            "requestID": "\(context.requestID)", "method": "\(method.name)", "reason": "\(wire.reason)",
        ]
        switch wire.status {
        case .internal, .unavailable, .resourceExhausted:
            // The full error stays here: it may name files, OpenSSL routines or store details.
            metadata["error"] = "\(String(reflecting: error))"
            self.logger.error("call failed on the server side", metadata: metadata)
        default:
            self.logger.debug("call refused", metadata: metadata)
        }
        return wire
    }
}

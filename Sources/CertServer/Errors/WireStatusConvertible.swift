public import CertWire

/// An error that knows how it looks on the wire: a status, a camelCase reason and a message that
/// is safe to show the caller.
///
/// Role: the single contract through which every expected failure reaches a peer (modelled on
/// grpc-swift's `RPCErrorConvertible`). The conformances for the domain's and CertCrypto's errors
/// are all in `WireStatusConvertible+Conformances.swift`, so one file decides every mapping.
/// Invariant: `wireError.message` never contains key material, passphrases or internal details
/// (store errors, OpenSSL queues); those go to the log only.
/// Isolation: conformers are plain values.
protocol WireStatusConvertible: Error {
    /// The status, reason and message to send.
    var wireError: RPCError { get }
}

extension RPCError {
    /// The message sent for errors the service did not expect; their text is logged, never sent.
    static let unexpectedErrorMessage = "the server failed to process the request; see its log"

    /// Maps any error a handler threw to what the peer receives.
    ///
    /// `RPCError` passes through, ``WireStatusConvertible`` errors use their own mapping, and
    /// anything else becomes `internal` with a generic message (reason `internal`).
    /// - Parameter error: what the handler threw.
    /// - Returns: the error to send.
    public init(from error: any Error) {
        switch error {
        case let error as RPCError: self = error
        case let error as any WireStatusConvertible: self = error.wireError
        default: self = RPCError(.internal, Self.unexpectedErrorMessage, reason: "internal")
        }
    }

    /// Whether ``init(from:)`` maps `error` without a conformance (so it should be logged in full).
    static func isUnexpected(_ error: any Error) -> Bool {
        !(error is RPCError) && !(error is any WireStatusConvertible)
    }
}

/// A failed call as both sides see it: a status, a human message and a stable machine reason.
///
/// Role: what a service handler throws to fail a call on purpose, and what a client receives.
/// Invariant: `reason` is a stable camelCase token (`keyMismatch`, `notFound`, ...) or empty;
/// `message` is written for a person and never contains key material.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status class of the failure.
    public var status: WireStatus
    /// A sentence for a person: what is wrong and what to do.
    public var message: String
    /// A stable camelCase token a program can switch on; empty when there is none.
    public var reason: String

    /// - Parameters:
    ///   - status: the status class; never ``WireStatus/ok``.
    ///   - message: what went wrong, for a person.
    ///   - reason: a stable camelCase token, or empty.
    public init(_ status: WireStatus, _ message: String, reason: String = "") {
        self.status = status
        self.message = message
        self.reason = reason
    }

    public var description: String {
        self.reason.isEmpty ? "\(self.status): \(self.message)" : "\(self.status) (\(self.reason)): \(self.message)"
    }
}

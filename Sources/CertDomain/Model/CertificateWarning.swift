/// A finding about a certificate that does not stop it from being stored (`leakRisk`,
/// `chainIncomplete`, ...).
public struct CertificateWarning: Sendable, Equatable {
    /// Stable camelCase code, for machines.
    public var code: String
    /// One sentence for humans.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

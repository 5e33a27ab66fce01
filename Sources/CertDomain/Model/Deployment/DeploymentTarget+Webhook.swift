import Foundation

extension DeploymentTarget {
    /// The hosts a plain `http://` webhook may carry a private key to: this machine only.
    public static let loopbackWebhookHosts: Set<String> = ["127.0.0.1", "::1", "[::1]", "localhost"]

    /// Whether a POST to `url` would travel unencrypted to another machine: a plain `http://` URL
    /// whose host is not 127.0.0.1, ::1 or localhost. A target that receives keys must not have
    /// such a URL (a private key would cross the network in clear text).
    /// - Parameter url: the webhook URL.
    /// - Returns: true for `http://` to a non-loopback host; false for `https://`, loopback, or
    ///   text that is no http URL (other checks refuse that).
    public static func isPlainRemoteWebhook(_ url: String) -> Bool {
        guard let parsed = URL(string: url), parsed.scheme?.lowercased() == "http", let host = parsed.host else {
            return false
        }
        return !self.loopbackWebhookHosts.contains(host.lowercased())
    }
}

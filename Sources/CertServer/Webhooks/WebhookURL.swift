import Foundation

/// A webhook address split into what one HTTP/1.1 POST needs: scheme, host, port, request path.
///
/// Role: parsed once per post by ``WebhookClient`` for both webhook senders (expiry notices and
/// deployment targets).
/// Invariants: `scheme` is `http` or `https`; `host` is non-empty, without IPv6 brackets (it is
/// what is resolved and what the server certificate must name); `requestPath` starts with `/` and
/// keeps the query; the URL's userinfo is dropped and never echoed.
/// Isolation: a value type.
struct WebhookURL: Sendable, Hashable {
    /// Whether the POST runs over TLS (`https://`).
    var isTLS: Bool
    var host: String
    var port: Int
    /// Path plus `?query`, as sent in the request line.
    var requestPath: String

    /// Parses `http://HOST[:PORT]/PATH` or `https://HOST[:PORT]/PATH`.
    /// - Parameter text: the configured URL.
    /// - Returns: nil when the text is not such a URL.
    init?(parsing text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = url.host, !host.isEmpty
        else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.isTLS = scheme == "https"
        self.host = host
        self.port = url.port ?? (self.isTLS ? 443 : 80)
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }
        self.requestPath = path
    }

    /// The `Host` header: the host, with the port unless it is the scheme's default.
    var hostHeader: String {
        let name = self.host.contains(":") ? "[\(self.host)]" : self.host
        return self.port == (self.isTLS ? 443 : 80) ? name : "\(name):\(self.port)"
    }

    /// `host:port` for messages (never the userinfo or the path, which may hold tokens).
    var authority: String {
        self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
    }
}

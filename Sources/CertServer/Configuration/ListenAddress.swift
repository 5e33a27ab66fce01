/// A `HOST:PORT` the server listens on or a client connects to.
///
/// Role: parsed once from flags, environment or the config file; IPv6 hosts are written in
/// brackets (`[::1]:7443`). Invariant: `host` has no brackets and `port` fits in 16 bits.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host name or IP literal, without brackets.
    public var host: String
    /// The TCP port; 0 asks the kernel for a free one.
    public var port: Int

    /// The address certd uses when nothing else is configured: loopback only.
    public static let defaultAddress = ListenAddress(host: "127.0.0.1", port: 7443)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` or `[IPv6]:PORT`.
    /// - Parameter text: the address as the user wrote it.
    /// - Throws: ``ConfigurationError/invalidListenAddress(_:problem:)`` saying what is wrong.
    public init(parsing text: String) throws(ConfigurationError) {
        let trimmed = text.trimmingWhitespace()
        let hostPart: Substring
        let portPart: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else {
                throw .invalidListenAddress(text, problem: "an IPv6 host must be closed with ']', as in [::1]:7443")
            }
            hostPart = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.hasPrefix(":") else {
                throw .invalidListenAddress(text, problem: "expected ':PORT' after the bracketed host")
            }
            portPart = rest.dropFirst()
        } else {
            guard let colon = trimmed.lastIndex(of: ":") else {
                throw .invalidListenAddress(text, problem: "expected HOST:PORT, for example 127.0.0.1:7443")
            }
            hostPart = trimmed[..<colon]
            portPart = trimmed[trimmed.index(after: colon)...]
            if hostPart.contains(":") {
                throw .invalidListenAddress(text, problem: "write an IPv6 host in brackets, as in [::1]:7443")
            }
        }
        guard !hostPart.isEmpty else {
            throw .invalidListenAddress(text, problem: "the host is empty")
        }
        guard let port = Int(portPart), (0...65535).contains(port) else {
            throw .invalidListenAddress(text, problem: "the port must be a number from 0 to 65535")
        }
        self.init(host: String(hostPart), port: port)
    }

    public var description: String {
        self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }
}

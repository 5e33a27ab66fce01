import ArgumentParser
import CertTLS
import Foundation

/// Where to connect and which credentials to present: by default the local admin's, from certd's
/// data directory (`$CERTD_DATA`, else `$XDG_DATA_HOME/certd`, else `~/.local/share/certd`).
///
/// Isolation: a plain value parsed on the main task.
struct ClientCredentialOptions: ParsableArguments {
    @Option(help: ArgumentHelp("certd's address (env CERTD_SERVER).", valueName: "host:port"))
    var server: String = ProcessInfo.processInfo.environment["CERTD_SERVER"] ?? "127.0.0.1:7443"

    @Option(name: .customLong("data-dir"), help: "certd's data directory, where the default credentials are.")
    var dataDirectory: String?

    @Option(help: "CA certificate to trust (default <data-dir>/ca.pem).") var ca: String?
    @Option(help: "Client certificate (default <data-dir>/admin.pem).") var cert: String?
    @Option(help: "Client key (default <data-dir>/admin-key.pem).") var key: String?
    @Option(name: .customLong("server-name"), help: "Name the server certificate must carry.")
    var serverName: String = "localhost"

    var resolvedDataDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let dataDirectory { return dataDirectory }
        if let data = environment["CERTD_DATA"], !data.isEmpty { return data }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/certd" }
        return (environment["HOME"] ?? ".") + "/.local/share/certd"
    }

    /// The host and port of `--server`.
    func address() throws -> (host: String, port: Int) {
        guard let colon = self.server.lastIndex(of: ":"),
            let port = Int(self.server[self.server.index(after: colon)...])
        else { throw ValidationError("--server must be HOST:PORT, got '\(self.server)'") }
        var host = String(self.server[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }

    /// A client TLS configuration with the chosen (or default admin) credentials.
    func clientTLS() -> TLSConfiguration {
        let directory = self.resolvedDataDirectory
        return .client(
            certificateChain: .file(self.cert ?? directory + "/admin.pem"),
            privateKey: .file(self.key ?? directory + "/admin-key.pem"),
            trustedCA: .file(self.ca ?? directory + "/ca.pem"),
            serverName: self.serverName
        )
    }
}

/// The closed-loop shape shared by `certload echo` and `certload bare`.
struct LoadShapeOptions: ParsableArguments {
    @Option(help: "Connections.") var connections: Int = 1
    @Option(help: "Calls in flight in total, spread over the connections.") var concurrency: Int = 1
    @Option(help: "Measured seconds.") var duration: Double = 10
    @Option(help: "Warm-up seconds (not measured).") var warmup: Double = 2
    @Option(name: .customLong("server-pid"), help: "The server's pid, to report its CPU per call.")
    var serverPID: Int32?

    func validate() throws {
        guard self.connections >= 1, self.concurrency >= 1 else {
            throw ValidationError("--connections and --concurrency must be at least 1")
        }
        guard self.duration > 0, self.warmup >= 0 else {
            throw ValidationError("--duration must be > 0, --warmup >= 0")
        }
    }

    var loop: ClosedLoop {
        ClosedLoop(
            workers: self.concurrency,
            warmup: .milliseconds(Int64(self.warmup * 1000)),
            duration: .milliseconds(Int64(self.duration * 1000)),
            serverPID: self.serverPID
        )
    }
}

// Entry point of certload; the real command tree is wired here as the service grows.
// `certload bench-echo ...` runs the in-process RPC transport benchmark (EchoBenchmark.swift);
// `certload bench-bare ...` is its baseline without the RPC layer (BareEchoBenchmark.swift);
// `certload tls-audit-server DIR` serves for tools/tls-audit.sh (TLSAuditServer.swift).
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "bench-echo" {
    try await EchoBenchmark.run(arguments: Array(arguments.dropFirst()))
} else if arguments.first == "bench-bare" {
    try await BareEchoBenchmark.run(arguments: Array(arguments.dropFirst()))
} else if arguments.first == "tls-audit-server" {
    try await TLSAuditServer.run(arguments: Array(arguments.dropFirst()))
} else {
    print("certload: under construction")
}

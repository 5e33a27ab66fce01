import ArgumentParser

// Entry point of certload.
// `certload run --scenario ...`: get/list/upload/download/echo/mixed, closed or open loop (RunLoadCommand.swift).
// `certload echo ...`: closed-loop Echo against a running certd (EchoLoadCommand.swift).
// `certload bare ...` / `certload bare-server ...`: the same workload without the RPC layer, as a
// baseline (BareEchoBenchmark.swift).
// Older in-process forms: `certload bench-echo DIR ...` (EchoBenchmark.swift), `certload bench-bare DIR ...`;
// `certload tls-audit-server DIR` serves for tools/tls-audit.sh (TLSAuditServer.swift).
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "bench-echo" {
    try await EchoBenchmark.run(arguments: Array(arguments.dropFirst()))
} else if arguments.first == "bench-bare" {
    try await BareEchoBenchmark.run(arguments: Array(arguments.dropFirst()))
} else if arguments.first == "tls-audit-server" {
    try await TLSAuditServer.run(arguments: Array(arguments.dropFirst()))
} else {
    // Explicit dispatch: ArgumentParser's async entry point needs `@main`, and this file keeps the
    // older positional forms above.
    do {
        switch try CertloadCommand.parseAsRoot(arguments) {
        case let command as EchoLoadCommand: try await command.run()
        case let command as RunLoadCommand: try await command.run()
        case let command as BareLoadCommand: try await command.run()
        case let command as BareServerCommand: try await command.run()
        case var command: try command.run()
        }
    } catch {
        CertloadCommand.exit(withError: error)
    }
}

/// certload's command tree.
struct CertloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certload",
        abstract: "Load generator for certd.",
        subcommands: [RunLoadCommand.self, EchoLoadCommand.self, BareLoadCommand.self, BareServerCommand.self]
    )
}

import ArgumentParser

/// `certbench`: micro-benchmarks for certd's building blocks, one subcommand per area.
///
/// Role: the root command only; each area's subcommand lives in its own file so helpers can add
/// theirs without touching this one beyond the `subcommands` list.
@main
struct CertBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certbench",
        abstract: "Benchmarks for certd components (run a release build).",
        subcommands: [CryptoBenchmark.self]
    )
}

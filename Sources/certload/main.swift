// Entry point of certload; the real command tree is wired here as the service grows.
// `certload bench-echo ...` runs the in-process RPC transport benchmark (EchoBenchmark.swift).
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "bench-echo" {
    try await EchoBenchmark.run(arguments: Array(arguments.dropFirst()))
} else {
    print("certload: under construction")
}

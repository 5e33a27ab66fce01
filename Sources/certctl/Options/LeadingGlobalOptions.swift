/// Lets the global options come before the command, as in `certctl --server HOST:PORT cert list`
/// (the form `certd serve` prints), although swift-argument-parser only knows them on leaf commands.
///
/// Role: rewrites the command line before parsing: global options ahead of the first command word
/// move to the end (before a `--`), with `--cert`/`--key` renamed to `--client-cert`/`--client-key`
/// because in that position they always mean the client credentials.
/// Isolation: a namespace of pure functions.
enum LeadingGlobalOptions {
    /// Global options that take a value, with the name they get after the command.
    private static let valued: [String: String] = [
        "--server": "--server", "--ca": "--ca", "--timeout": "--timeout",
        "--cert": "--client-cert", "--key": "--client-key",
        "--client-cert": "--client-cert", "--client-key": "--client-key",
    ]

    /// The command line with leading global options moved behind the command.
    /// - Parameter arguments: the command line without the program name.
    /// - Returns: the rewritten command line (unchanged when it does not start with a global option).
    static func rewrite(_ arguments: [String]) -> [String] {
        var hoisted: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--json" {
                hoisted.append(argument)
                index += 1
                continue
            }
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard let name = Self.valued[parts[0]] else { break }
            if parts.count == 2 {
                hoisted += [name, parts[1]]
                index += 1
            } else if index + 1 < arguments.count {
                hoisted += [name, arguments[index + 1]]
                index += 2
            } else {
                break  // A dangling option: let the parser report it.
            }
        }
        guard !hoisted.isEmpty else { return arguments }
        var rest = Array(arguments[index...])
        let end = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: hoisted, at: end)
        return rest
    }
}

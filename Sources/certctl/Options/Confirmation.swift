import Foundation

/// A yes/no question on the terminal before a destructive action.
///
/// Role: used by the delete commands unless `--yes` is given.
/// Isolation: a namespace; reads stdin synchronously.
enum Confirmation {
    /// Asks on stderr and reads the answer from stdin.
    /// - Parameter question: what is about to happen.
    /// - Throws: ``CertctlError/confirmationRequired(_:)`` when stdin is not a terminal;
    ///   ``CertctlError/declined`` unless the answer is `y` or `yes`.
    static func ask(_ question: String) throws(CertctlError) {
        try Self.requireTerminal()
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw .declined }
    }

    /// Fails early, before connecting, when there will be no terminal to ask on.
    /// - Throws: ``CertctlError/confirmationRequired(_:)`` when stdin is not a terminal.
    static func requireTerminal() throws(CertctlError) {
        guard isatty(STDIN_FILENO) == 1 else {
            throw .confirmationRequired("stdin is not a terminal: pass --yes to confirm the deletion")
        }
    }
}

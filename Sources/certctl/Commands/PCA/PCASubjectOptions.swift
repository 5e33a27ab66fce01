import ArgumentParser

/// The subject and key algorithm of a new private CA: the options `pca root create` and
/// `pca intermediate create` share.
///
/// Isolation: a parsed value.
struct PCASubjectOptions: ParsableArguments {
    @Option(help: "Common name of the CA.")
    var cn: String

    @Option(name: .customLong("org"), help: "Organization (O).")
    var organization: String?

    @Option(help: "Two-letter country code (C).")
    var country: String?

    @Option(help: "Key algorithm.")
    var algorithm: CSRCreateCommand.Algorithm = .ecp256
}

import ArgumentParser

/// `certd version`: prints the release and protocol versions.
///
/// Isolation: runs on the main task.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print certd's version.")

    func run() {
        print(CertdVersion.banner)
    }
}

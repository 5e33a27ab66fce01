import ArgumentParser
import CertCrypto
import CertDomain
import CertServer
import Foundation
import Synchronization

/// `certd seed`: writes a benchmark data set of N certificates for the admin account straight into
/// the store, tens of thousands per second instead of a few hundred through the upload RPC.
///
/// The entries are copies of the given certificate and key pairs with fresh ids and distinct names
/// (`<prefix><index>`), validated once per pair like an upload and with keys sealed under the master
/// key like uploaded ones (see ``CertificateInventory/seedCertificates(_:templates:count:namePrefix:batchSize:progress:)``).
/// Refuses while a certd serves the directory (it holds `certd.lock`). Prints progress lines and
/// `SEEDED count=N total=T seconds=S` on stdout.
/// Isolation: runs on the main task.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Benchmarks: store N copies of certificate/key pairs for the admin account, directly in the store.",
        discussion: """
            Stop certd first. With --total the count is a target: only the certificates missing from the admin \
            account's total are written, so a seeded data directory is reused. Entries are named <prefix><index>.
            """
    )

    @OptionGroup var options: ConfigurationOptions
    @Option(help: "How many certificates to write (or, with --total, to hold).") var count: Int
    @Flag(help: "Treat --count as the admin account's target total and write only the missing ones.")
    var total = false
    @Option(name: .customLong("certificate"), help: "A PEM certificate to copy (repeat; pairs with --key in order).")
    var certificates: [String] = []
    @Option(name: .customLong("key"), help: "The PEM private key of the --certificate at the same position.")
    var keys: [String] = []
    @Option(name: .customLong("name-prefix"), help: "Entry names are this prefix plus an index; default random.")
    var namePrefix: String?
    @Option(name: .customLong("batch"), help: "Entries per write transaction.") var batch = 10_000

    func validate() throws {
        guard self.count >= 0 else { throw ValidationError("--count must not be negative") }
        guard !self.certificates.isEmpty, self.certificates.count == self.keys.count else {
            throw ValidationError("give one or more --certificate FILE --key FILE pairs (as many keys as certificates)")
        }
        guard self.batch >= 1 else { throw ValidationError("--batch must be at least 1") }
    }

    func run() async throws {
        let configuration = try self.options.resolve()
        let logger = LogSetup.bootstrap(level: configuration.logLevel)
        let runtime = ServerRuntime(configuration: configuration, logger: logger)
        do {
            guard runtime.directory.isInitialised else {
                throw StartupError.unreadableFile(
                    path: runtime.directory.path, reason: "not an initialised data directory (run certd init first)")
            }
            let identity = try await ServiceIdentity.loadOrCreate(
                directory: runtime.directory, masterKeyFile: configuration.masterKeyFile)
            let lock = try DataDirectoryLock(directory: runtime.directory)
            defer { withExtendedLifetime(lock) {} }
            let templates = try zip(self.certificates, self.keys).map { certificate, key in
                CertificateUpload(
                    name: "seed", certificate: try Self.contents(certificate), privateKey: try Self.contents(key))
            }
            let prefix = self.namePrefix ?? "certd-seed-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))-"
            let caller = Caller(
                accountID: AccountID(rawValue: ServiceIdentity.adminAccountID), role: .admin, requestID: "certd-seed")
            let (written, held, seconds) = try await runtime.withStore { store in
                let inventory = CertificateInventory(
                    store: store, clock: SystemWallClock(), sealer: Sealer(masterKey: identity.masterKey))
                let clock = ContinuousClock()
                let start = clock.now
                let progress = Mutex(0)
                do {
                    let present = self.total ? try inventory.summary(caller).total : 0
                    let missing = max(0, self.count - present)
                    let written = try await inventory.seedCertificates(
                        caller, templates: templates, count: missing, namePrefix: prefix, batchSize: self.batch
                    ) { written in
                        progress.withLock { $0 = written }
                        if written % 100_000 < self.batch || written == missing {
                            let elapsed = (clock.now - start) / .milliseconds(1) / 1000
                            Console.out("seeded \(written)/\(missing) in \(Int(elapsed)) s")
                        }
                    }
                    return (written, present + written, (clock.now - start) / .milliseconds(1) / 1000)
                } catch {
                    throw StartupError.seedFailed(
                        written: progress.withLock { $0 }, reason: (error as? DomainError)?.message ?? "\(error)")
                }
            }
            Console.out("SEEDED count=\(written) total=\(held) seconds=\(String(format: "%.1f", seconds))")
        } catch let error as StartupError {
            Console.error(error.description)
            throw ExitCode.failure
        }
    }

    private static func contents(_ path: String) throws(StartupError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StartupError.unreadableFile(path: path, reason: "cannot read the file")
        }
        return Array(data)
    }
}

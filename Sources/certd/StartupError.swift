/// Why certd could not start or initialise. Printed as one line on stderr; exit status 1.
enum StartupError: Error, CustomStringConvertible {
    /// A file of an initialised data directory is missing; certd never regenerates identities.
    case missingFile(path: String)
    /// A file exists but cannot be read or parsed.
    case unreadableFile(path: String, reason: String)
    /// A file or the directory could not be written.
    case cannotWrite(path: String, reason: String)
    /// The store could not be opened.
    case storeUnavailable(path: String, reason: String)
    /// The domain refused to create the initial admin account.
    case adminNotCreated(reason: String)
    /// `certd seed` stopped; batches committed before the failure stay.
    case seedFailed(written: Int, reason: String)
    /// Binding or serving failed.
    case serverFailed(address: String, reason: String)
    /// Another certd process serves (or rotates) this data directory.
    case dataDirectoryInUse(path: String)
    /// A master-key rotation stopped between re-sealing and replacing the key file.
    case rotationInterrupted(nextKeyFile: String)
    /// Re-sealing the stored keys failed; nothing was changed.
    case rotationFailed(reason: String)
    /// The official issuing CA (issue 6) could not be loaded or created.
    case officialIssuerUnavailable(source: String, reason: String)

    var description: String {
        switch self {
        case .missingFile(let path):
            "\(path) is missing; the data directory is initialised (ca.pem exists) so certd will not "
                + "regenerate it: restore the file from a backup"
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        case .storeUnavailable(let path, let reason):
            "cannot open the store at \(path): \(reason)"
        case .adminNotCreated(let reason):
            "cannot create the admin account: \(reason)"
        case .seedFailed(let written, let reason):
            "seeding stopped after \(written) certificates (they stay stored): \(reason)"
        case .serverFailed(let address, let reason):
            "cannot serve on \(address): \(reason)"
        case .dataDirectoryInUse(let path):
            "another certd is using \(path) (it holds certd.lock): stop it first"
        case .rotationInterrupted(let nextKeyFile):
            "a master-key rotation was interrupted (\(nextKeyFile) exists): run `certd rotate-master-key` "
                + "to finish it before serving"
        case .rotationFailed(let reason):
            "master-key rotation failed, nothing was changed: \(reason)"
        case .officialIssuerUnavailable(let source, let reason):
            "cannot use the official CA (\(source)): \(reason)"
        }
    }
}

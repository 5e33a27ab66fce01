import CertCrypto
import CertServer
import Foundation

/// certd's own identities and master key, loaded from the data directory or created on first start.
///
/// Role: the only code that creates the service CA, the server certificate, the admin client
/// credentials and the master key. ``loadOrCreate(directory:masterKeyFile:)`` is idempotent: an
/// existing master key is never replaced, and once `ca.pem` exists nothing is regenerated.
/// Invariants: `ca.pem` is written last, so a crash during initialisation leaves a directory that
/// the next start initialises again (the master key, if already written, is kept); every file is
/// written 0600 through ``DataDirectory/writePrivateFile(_:to:)`` in a 0700 directory.
/// Isolation: a `Sendable` value built on the main task.
struct ServiceIdentity: Sendable {
    /// The service CA that signs the server and client certificates.
    let authority: CertificateAuthority
    /// The key that seals private keys at rest.
    let masterKey: MasterKey
    /// SHA-256 fingerprint of `admin.pem`, bound to the admin account.
    let adminFingerprint: String
    /// Whether this call initialised the directory.
    let wasCreated: Bool

    /// The admin account's id; also the admin certificate's common name.
    static let adminAccountID = "admin"

    /// Loads the identities, creating them first if the directory is not initialised.
    /// - Parameters:
    ///   - directory: the data directory.
    ///   - masterKeyFile: where the master key lives (by default inside the directory).
    /// - Returns: the identities.
    /// - Throws: ``StartupError`` naming the file that is missing, unreadable or unwritable.
    static func loadOrCreate(directory: DataDirectory, masterKeyFile: String) async throws(StartupError)
        -> ServiceIdentity
    {
        do {
            try OpenSSLProviders.loadOnce()
        } catch {
            throw .cannotWrite(path: directory.path, reason: "OpenSSL providers unavailable: \(error)")
        }
        do {
            try directory.create()
        } catch {
            throw .cannotWrite(path: directory.path, reason: Self.reason(error))
        }
        if directory.isInitialised {
            return try Self.load(directory: directory, masterKeyFile: masterKeyFile)
        }
        return try await Self.create(directory: directory, masterKeyFile: masterKeyFile)
    }

    private static func load(directory: DataDirectory, masterKeyFile: String) throws(StartupError) -> ServiceIdentity {
        for path in [directory.caKey, directory.serverCertificate, directory.serverKey, masterKeyFile] {
            guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        }
        let authority: CertificateAuthority
        do {
            authority = try CertificateAuthority(
                certificate: Certificate(pem: try Self.readText(directory.caCertificate)),
                key: PrivateKey(pem: try Self.readText(directory.caKey))
            )
        } catch let error as StartupError {
            throw error
        } catch {
            throw .unreadableFile(path: directory.caKey, reason: "\(error)")
        }
        let masterKey = try Self.readMasterKey(masterKeyFile)
        // The admin certificate may have been removed by an operator who moved it elsewhere; the
        // admin account then keeps whatever fingerprint it already has.
        var adminFingerprint = ""
        if FileManager.default.fileExists(atPath: directory.adminCertificate) {
            do {
                adminFingerprint = try Certificate(pem: try Self.readText(directory.adminCertificate)).sha256Fingerprint
            } catch let error as StartupError {
                throw error
            } catch {
                throw .unreadableFile(path: directory.adminCertificate, reason: "\(error)")
            }
        }
        return ServiceIdentity(
            authority: authority, masterKey: masterKey, adminFingerprint: adminFingerprint, wasCreated: false)
    }

    private static func create(directory: DataDirectory, masterKeyFile: String) async throws(StartupError)
        -> ServiceIdentity
    {
        let masterKey: MasterKey
        if FileManager.default.fileExists(atPath: masterKeyFile) {
            masterKey = try Self.readMasterKey(masterKeyFile)
        } else {
            do {
                masterKey = try MasterKey.generate()
            } catch {
                throw .cannotWrite(path: masterKeyFile, reason: "\(error)")
            }
            try Self.write(masterKey.bytes, to: masterKeyFile, in: directory)
        }
        let now = Date()
        let authority: CertificateAuthority
        let serverCertificate: Certificate
        let serverKey: PrivateKey
        let admin: ClientCredentials
        do {
            authority = try CertificateAuthority.makeRoot(
                subject: DistinguishedName(commonName: "certd service CA", organization: "certd"),
                key: try PrivateKey.generate(.p256),
                validity: Validity.days(Self.caValidityDays, from: now),
                pathLength: 0
            )
            serverKey = try PrivateKey.generate(.p256)
            serverCertificate = try authority.issueLeaf(
                subject: DistinguishedName(commonName: "localhost", organization: "certd"),
                publicKey: serverKey.publicKey,
                subjectAlternativeNames: [.dns("localhost"), .ip("127.0.0.1"), .ip("::1")],
                validity: Validity.days(Self.leafValidityDays, from: now),
                extendedKeyUsage: [.serverAuth]
            )
            admin = try await CertificateAuthorityCredentialIssuer(authority: authority)
                .issueClientCredentials(accountID: Self.adminAccountID, validityDays: Self.leafValidityDays)
        } catch {
            throw .cannotWrite(path: directory.path, reason: "cannot create the service identities: \(error)")
        }
        do {
            try Self.write(Array(try authority.key.pkcs8PEM().utf8), to: directory.caKey, in: directory)
            try Self.write(Array(try serverKey.pkcs8PEM().utf8), to: directory.serverKey, in: directory)
        } catch let error as StartupError {
            throw error
        } catch {
            throw .cannotWrite(path: directory.path, reason: "cannot encode a private key: \(error)")
        }
        try Self.write(
            Array((serverCertificate.pem + authority.certificate.pem).utf8), to: directory.serverCertificate,
            in: directory)
        try Self.write(Array(admin.privateKeyPEM.utf8), to: directory.adminKey, in: directory)
        try Self.write(Array(admin.certificatePEM.utf8), to: directory.adminCertificate, in: directory)
        // Last: its presence is what marks the directory as initialised.
        try Self.write(Array(authority.certificate.pem.utf8), to: directory.caCertificate, in: directory)
        return ServiceIdentity(
            authority: authority, masterKey: masterKey, adminFingerprint: admin.fingerprintSHA256, wasCreated: true)
    }

    /// The service CA lives 20 years: rotating it means re-issuing every client credential.
    static let caValidityDays = 20 * 365
    /// Server and admin certificates live 5 years.
    static let leafValidityDays = 5 * 365

    private static func write(_ bytes: [UInt8], to path: String, in directory: DataDirectory) throws(StartupError) {
        do {
            try directory.writePrivateFile(bytes, to: path)
        } catch {
            throw .cannotWrite(path: path, reason: Self.reason(error))
        }
    }

    private static func readText(_ path: String) throws(StartupError) -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path, reason: Self.reason(error))
        }
    }

    /// Reads a 32-byte master key file.
    static func readMasterKey(_ path: String) throws(StartupError) -> MasterKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "cannot open the file")
        }
        do {
            return try MasterKey(bytes: Array(data))
        } catch {
            throw .unreadableFile(path: path, reason: "not a master key (expected exactly 32 bytes)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}

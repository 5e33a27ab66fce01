import CertCrypto
import CertDomain
import CertServer
import CertStore
import Foundation

/// Replaces the master key and re-seals every stored private key under the new one.
///
/// Order, so that no crash can lose the key the store needs: (1) the new key is written to
/// `<master-key-file>.next`; (2) every sealed key is re-sealed in ONE store transaction (all or
/// nothing); (3) `.next` is renamed over the master key file (atomic). A crash between (2) and (3)
/// leaves `.next` behind, `certd serve` then refuses to start, and the next rotation first finds
/// out which of the two keys the store uses (by re-sealing everything under it, which fails as a
/// whole for the wrong key) and completes or discards the interrupted rotation.
/// Isolation: runs on the main task while holding the data directory's lock.
struct MasterKeyRotation {
    let directory: DataDirectory
    let masterKeyFile: String

    /// Where the key being rotated in waits until the store has been re-sealed.
    static func nextKeyFile(for masterKeyFile: String) -> String { masterKeyFile + ".next" }

    /// Rotates the key.
    /// - Parameter store: the open store of the data directory.
    /// - Returns: how many keys were re-sealed.
    /// - Throws: ``StartupError`` when a key file cannot be read or written or re-sealing fails.
    func rotate(store: LMDBInventoryStore) async throws(StartupError) -> Int {
        let nextFile = Self.nextKeyFile(for: self.masterKeyFile)
        var current = try ServiceIdentity.readMasterKey(self.masterKeyFile)
        if FileManager.default.fileExists(atPath: nextFile) {
            let leftover = try ServiceIdentity.readMasterKey(nextFile)
            if (try? await Self.reseal(store, from: leftover, to: leftover)) != nil {
                try Self.replace(self.masterKeyFile, with: nextFile)
                current = leftover
            } else {
                try? FileManager.default.removeItem(atPath: nextFile)
            }
        }
        let next: MasterKey
        do {
            next = try MasterKey.generate()
        } catch {
            throw .rotationFailed(reason: "cannot generate a key: \(error)")
        }
        do {
            try self.directory.writePrivateFile(next.bytes, to: nextFile)
        } catch {
            throw .cannotWrite(path: nextFile, reason: "\(error)")
        }
        let count: Int
        do {
            count = try await Self.reseal(store, from: current, to: next)
        } catch {
            try? FileManager.default.removeItem(atPath: nextFile)
            throw .rotationFailed(reason: "\(error)")
        }
        try Self.replace(self.masterKeyFile, with: nextFile)
        return count
    }

    private static func reseal(_ store: LMDBInventoryStore, from old: MasterKey, to new: MasterKey) async throws
        -> Int
    {
        let opener = Sealer(masterKey: old)
        let sealer = Sealer(masterKey: new)
        return try await store.resealKeys { key, recordID in
            let associatedData = SealedKey.associatedData(for: recordID, role: key.role)
            let plaintext = try opener.open(SealedBox(bytes: key.blob), associatedData: associatedData)
            let box = try sealer.seal(plaintext, associatedData: associatedData)
            return SealedKey(role: key.role, blob: box.bytes)
        }
    }

    private static func replace(_ target: String, with source: String) throws(StartupError) {
        guard rename(source, target) == 0 else {
            throw .cannotWrite(path: target, reason: String(cString: strerror(errno)))
        }
    }
}

import CertServer
import Foundation

/// An exclusive `flock` on `<data-dir>/certd.lock`, held for as long as the process serves or
/// rotates the master key.
///
/// Why: a master-key rotation rewrites every sealed key; a server running on the same directory
/// would keep sealing and opening with the old key. The kernel drops the lock when the process
/// exits, however it exits, so a crash never leaves a stale lock behind.
/// Isolation: created and kept on the main task; the descriptor is closed on `deinit`.
final class DataDirectoryLock {
    private let descriptor: Int32

    /// Takes the lock without waiting.
    /// - Parameter directory: the data directory (it must exist).
    /// - Throws: ``StartupError/dataDirectoryInUse(path:)`` when another certd holds it, or
    ///   ``StartupError/cannotWrite(path:reason:)`` when the lock file cannot be opened.
    init(directory: DataDirectory) throws(StartupError) {
        let path = directory.path + "/certd.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .dataDirectoryInUse(path: directory.path)
        }
        self.descriptor = descriptor
    }

    deinit {
        close(self.descriptor)
    }
}

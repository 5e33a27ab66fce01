import Foundation
import Glibc

/// Replaces files so that a reader sees the old or the new content, never a mix: a temporary file
/// in the same directory, written, `fsync`ed, renamed over the target, then the directory synced.
///
/// Role: the file executor's write primitive (also used for the command executor's PEM files).
/// Invariant: the file has `mode` from its creation (no window with wider permissions); on any
/// failure the temporary file is removed and the old file is untouched.
/// Isolation: a namespace of blocking functions; callers run it off the cooperative pool if needed.
enum AtomicFileWriter {
    /// Why a write failed; the text names the path and the system's reason.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Atomically writes `contents` to `directory/name` with `mode`.
    static func write(_ contents: String, directory: String, name: String, mode: mode_t) throws(Failure) {
        let path = directory + "/" + name
        let temporary = directory + "/.\(name).certd-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Self.failure("create", temporary) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        // The umask may have narrowed the mode given to open(2); set it exactly.
        guard fchmod(descriptor, mode) == 0 else {
            close(descriptor)
            throw Self.failure("chmod", temporary)
        }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                close(descriptor)
                throw Self.failure("write", temporary)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            close(descriptor)
            throw Self.failure("fsync", temporary)
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else { throw Self.failure("rename onto", path) }
        ok = true
        try Self.syncDirectory(directory)
    }

    /// `fsync` of a directory, so a rename in it survives a power loss.
    static func syncDirectory(_ directory: String) throws(Failure) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("open directory", directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Self.failure("fsync directory", directory) }
    }

    private static func failure(_ operation: String, _ path: String) -> Failure {
        Failure(description: "cannot \(operation) \(path): \(String(cString: strerror(errno)))")
    }
}

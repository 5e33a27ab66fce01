import Foundation

/// A directory certctl writes downloaded or converted files into.
///
/// Role: creates the directory if needed and writes each file with the right mode: private keys
/// and key stores 0600, certificates 0644. Files are created with their final mode (never
/// world-readable for a moment) and replace an existing file of the same name.
/// Isolation: a plain value; synchronous I/O.
struct OutputDirectory {
    /// Who may read a written file.
    enum Visibility {
        /// 0644: certificates and chains.
        case publicFile
        /// 0600: private keys, PFX/JKS files.
        case secret

        var mode: mode_t { self == .secret ? 0o600 : 0o644 }
    }

    let path: String

    /// Opens (creating, with parents) the directory.
    /// - Throws: ``CertctlError/unwritableFile(path:detail:)``.
    init(_ path: String) throws(CertctlError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .unwritableFile(path: path, detail: "cannot create the directory")
        }
        self.path = path
    }

    /// Writes one file.
    /// - Parameters:
    ///   - name: the file name inside the directory.
    ///   - bytes: the contents.
    ///   - visibility: its mode.
    /// - Returns: the written file's path.
    /// - Throws: ``CertctlError/unwritableFile(path:detail:)``.
    @discardableResult
    func save(_ name: String, _ bytes: [UInt8], _ visibility: Visibility) throws(CertctlError) -> String {
        let filePath = self.path.hasSuffix("/") ? self.path + name : self.path + "/" + name
        // Unlink first so that O_CREAT applies our mode even when an older, wider file existed.
        unlink(filePath)
        let descriptor = open(filePath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, visibility.mode)
        guard descriptor >= 0 else {
            throw .unwritableFile(path: filePath, detail: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        // The umask may have narrowed the mode; make it exactly what was asked.
        fchmod(descriptor, visibility.mode)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .unwritableFile(path: filePath, detail: String(cString: strerror(errno)))
            }
            offset += written
        }
        return filePath
    }

    /// Writes one text file (UTF-8).
    @discardableResult
    func save(_ name: String, text: String, _ visibility: Visibility) throws(CertctlError) -> String {
        try self.save(name, Array(text.utf8), visibility)
    }
}

import CertServer
import Foundation
import Testing

@Suite struct DataDirectoryTests {
    @Test func privateFilesAreOwnerOnlyAndDirectoryIs0700() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("certd-dd-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = DataDirectory(path: root + "/nested/data")
        try directory.create()
        #expect(!directory.isInitialised)
        try directory.writePrivateFile(Array("secret".utf8), to: directory.masterKey)

        let dirMode = try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions] as? Int
        let fileMode = try FileManager.default.attributesOfItem(atPath: directory.masterKey)[.posixPermissions] as? Int
        #expect(dirMode == 0o700)
        #expect(fileMode == 0o600)
        #expect(try String(contentsOfFile: directory.masterKey, encoding: .utf8) == "secret")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.contains(".tmp-")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func adminCredentialFilesCarryAdminInTheirNames() {
        let directory = DataDirectory(path: "/d")
        #expect(directory.adminCertificate.hasSuffix("admin.pem"))
        #expect(directory.adminKey.contains("admin"))
    }
}

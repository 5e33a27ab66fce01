import CertServer
import Foundation
import Testing

/// The `official-ca`/`official-ca-key` settings (issue 6): all three sources, and set together only.
@Suite struct OfficialCAConfigurationTests {
    @Test func officialCAComesFromFileEnvironmentOrFlags() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("certd-official-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "official-ca = /etc/ca.pem\nofficial-ca-key = \"/etc/ca-key.pem\"\n"
            .write(to: directory.appendingPathComponent("certd.conf"), atomically: true, encoding: .utf8)
        let fromFile = try ServerConfiguration.resolve(
            flags: .init(dataDirectory: directory.path), environment: [:], configFile: nil)
        #expect(fromFile.officialCAFile == "/etc/ca.pem")
        #expect(fromFile.officialCAKeyFile == "/etc/ca-key.pem")

        let fromEnvironment = try ServerConfiguration.resolve(
            flags: .init(dataDirectory: directory.path),
            environment: ["CERTD_OFFICIAL_CA": "/env/ca.pem", "CERTD_OFFICIAL_CA_KEY": "/env/key.pem"],
            configFile: nil)
        #expect(fromEnvironment.officialCAFile == "/env/ca.pem")
        #expect(fromEnvironment.officialCAKeyFile == "/env/key.pem")

        let fromFlags = try ServerConfiguration.resolve(
            flags: .init(dataDirectory: directory.path, officialCAFile: "/f/ca.pem", officialCAKeyFile: "/f/key.pem"),
            environment: [:], configFile: nil)
        #expect(fromFlags.officialCAFile == "/f/ca.pem")
    }

    @Test func unsetMeansTheDefaultOfficialCA() throws {
        let configuration = try ServerConfiguration.resolve(
            flags: .init(dataDirectory: "/nonexistent-certd"), environment: [:], configFile: nil)
        #expect(configuration.officialCAFile == nil)
        #expect(configuration.officialCAKeyFile == nil)
    }

    @Test func aCertificateWithoutItsKeyIsRefused() {
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(
                flags: .init(dataDirectory: "/nonexistent-certd", officialCAFile: "/f/ca.pem"), environment: [:],
                configFile: nil)
        }
        do {
            _ = try ServerConfiguration.resolve(
                flags: .init(dataDirectory: "/nonexistent-certd"), environment: ["CERTD_OFFICIAL_CA_KEY": "/k.pem"],
                configFile: nil)
            Issue.record("a key without its certificate was accepted")
        } catch {
            #expect("\(error)".contains("official-ca"))
        }
    }
}

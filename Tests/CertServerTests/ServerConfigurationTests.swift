import CertServer
import Foundation
import Testing

@Suite struct ServerConfigurationTests {
    @Test func defaultsApplyWhenNothingIsSet() throws {
        let config = try ServerConfiguration.resolve(
            flags: .init(), environment: ["HOME": "/home/ops"], configFile: nil)
        #expect(config.dataDirectory == "/home/ops/.local/share/certd")
        #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 7443))
        #expect(config.masterKeyFile == "/home/ops/.local/share/certd/master.key")
        #expect(config.logLevel == "info")
    }

    @Test func xdgDataHomeBeatsHome() throws {
        let config = try ServerConfiguration.resolve(
            flags: .init(), environment: ["HOME": "/home/ops", "XDG_DATA_HOME": "/xdg"], configFile: nil)
        #expect(config.dataDirectory == "/xdg/certd")
    }

    @Test func flagBeatsEnvironmentBeatsFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("certd-config-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("certd.conf")
        try "# test\nlisten = 127.0.0.1:9000\nlog-level = debug\ndrain-timeout = 3 # seconds\n"
            .write(to: file, atomically: true, encoding: .utf8)

        let fromFile = try ServerConfiguration.resolve(
            flags: .init(dataDirectory: directory.path), environment: [:], configFile: nil)
        #expect(fromFile.listen.port == 9000)
        #expect(fromFile.logLevel == "debug")
        #expect(fromFile.drainTimeoutSeconds == 3)

        let fromEnv = try ServerConfiguration.resolve(
            flags: .init(dataDirectory: directory.path), environment: ["CERTD_LISTEN": "127.0.0.1:9001"],
            configFile: nil)
        #expect(fromEnv.listen.port == 9001)

        let fromFlag = try ServerConfiguration.resolve(
            flags: .init(dataDirectory: directory.path, listen: "[::1]:9002"),
            environment: ["CERTD_LISTEN": "127.0.0.1:9001"], configFile: nil)
        #expect(fromFlag.listen == ListenAddress(host: "::1", port: 9002))
    }

    @Test func badConfigLinesNameFileAndLine() {
        #expect(throws: ConfigurationError.unknownSetting(name: "colour", file: "c.conf", line: 2)) {
            try ServerConfiguration.Layer.fromConfigFile("listen = 127.0.0.1:1\ncolour = red\n", path: "c.conf")
        }
        #expect(throws: ConfigurationError.malformedConfigLine(file: "c.conf", line: 1)) {
            try ServerConfiguration.Layer.fromConfigFile("listen 127.0.0.1:1\n", path: "c.conf")
        }
    }

    @Test func invalidValuesAreRefusedWithTheSettingName() {
        #expect(
            throws: ConfigurationError.invalidValue(
                setting: "max-connections", value: "-1",
                expected: "a whole number of at least 0")
        ) {
            try ServerConfiguration.resolve(
                flags: .init(dataDirectory: "/nonexistent", maxConnections: "-1"), environment: [:], configFile: nil)
        }
        #expect(throws: ConfigurationError.noHomeDirectory) {
            try ServerConfiguration.resolve(flags: .init(), environment: [:], configFile: nil)
        }
    }

    @Test(arguments: [
        ("127.0.0.1:7443", "127.0.0.1", 7443), ("localhost:0", "localhost", 0), ("[::1]:8443", "::1", 8443),
    ])
    func listenAddressesParse(text: String, host: String, port: Int) throws {
        #expect(try ListenAddress(parsing: text) == ListenAddress(host: host, port: port))
    }

    @Test(arguments: ["7443", "::1:7443", "[::1]7443", "host:70000", ":80", "host:port"])
    func malformedListenAddressesAreRefused(text: String) {
        #expect(throws: ConfigurationError.self) { try ListenAddress(parsing: text) }
    }
}

import CertTLS
import CertTestSupport
import Foundation
import NIOCore
import NIOEmbedded
import Testing

/// Records what reaches the end of a TLS pipeline.
private final class Recorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    var handshakes: [TLSHandshakeCompleted] = []
    var errors: [TLSError] = []
    var otherErrors: [any Error] = []
    var received: [UInt8] = []
    var becameInactive = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.received += Array(buffer: Self.unwrapInboundIn(data))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSHandshakeCompleted { self.handshakes.append(event) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? TLSError { self.errors.append(error) } else { self.otherErrors.append(error) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.becameInactive = true
    }
}

/// Two EmbeddedChannels whose outbound bytes are fed to each other (swift-nio-ssl's
/// BackToBackEmbeddedChannel idea).
private struct BackToBack {
    let client = EmbeddedChannel()
    let server = EmbeddedChannel()
    let clientRecorder = Recorder()
    let serverRecorder = Recorder()

    /// - Parameter clientServerName: a per-connection server name for the client handler
    ///   (``TLSHandler/init(context:serverName:)``); nil uses the client configuration's.
    init(server: TLSConfiguration, client: TLSConfiguration, clientServerName: String? = nil) throws {
        try self.server.pipeline.syncOperations.addHandlers([
            try TLSHandler(context: TLSContext(configuration: server)), self.serverRecorder,
        ])
        let clientContext = try TLSContext(configuration: client)
        let clientHandler =
            try clientServerName.map { try TLSHandler(context: clientContext, serverName: $0) }
            ?? TLSHandler(context: clientContext)
        try self.client.pipeline.syncOperations.addHandlers([clientHandler, self.clientRecorder])
    }

    func connect() throws {
        try self.server.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try self.client.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try self.interact()
    }

    /// Moves bytes both ways until neither side has anything left to send.
    func interact() throws {
        var moved = true
        while moved {
            moved = false
            while let bytes = try self.client.readOutbound(as: ByteBuffer.self) {
                if self.server.isActive { try self.server.writeInbound(bytes) }
                moved = true
            }
            while let bytes = try self.server.readOutbound(as: ByteBuffer.self) {
                if self.client.isActive { try self.client.writeInbound(bytes) }
                moved = true
            }
        }
    }
}

private func fingerprint(ofCertificateAt path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = ["x509", "-in", path, "-noout", "-fingerprint", "-sha256"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let hex = output.split(separator: "=").last.map(String.init) ?? ""
    return hex.replacingOccurrences(of: ":", with: "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
}

@Suite struct TLSHandlerTests {
    @Test func mutualHandshakeReportsTheVerifiedClientAndCarriesData() throws {
        let pki = try TestPKI.shared
        let pair = try BackToBack(
            server: pki.serverConfiguration(), client: pki.clientConfiguration(identity: pki.client))
        try pair.connect()

        let serverSide = try #require(pair.serverRecorder.handshakes.first)
        let peer = try #require(serverSide.peer)
        #expect(peer.commonName == "client-1")
        #expect(peer.subject == "CN=client-1,OU=agents,O=certd tests")
        #expect(peer.fingerprintSHA256 == (try fingerprint(ofCertificateAt: pki.client.certificate)))
        #expect(serverSide.applicationProtocol == "certd/1")
        #expect(serverSide.protocolVersion == "TLSv1.3")
        #expect(serverSide.cipher == "TLS_AES_128_GCM_SHA256")
        #expect(pair.clientRecorder.handshakes.first?.peer?.commonName == "localhost")

        try pair.client.writeAndFlush(ByteBuffer(string: "ping")).wait()
        try pair.interact()
        #expect(pair.serverRecorder.received == Array("ping".utf8))
        try pair.server.writeAndFlush(ByteBuffer(string: "pong")).wait()
        try pair.interact()
        #expect(pair.clientRecorder.received == Array("pong".utf8))
        #expect(pair.serverRecorder.errors.isEmpty && pair.clientRecorder.errors.isEmpty)
    }

    @Test func writesBeforeTheHandshakeAreSentAfterIt() throws {
        let pki = try TestPKI.shared
        let pair = try BackToBack(
            server: pki.serverConfiguration(), client: pki.clientConfiguration(identity: pki.client))
        try pair.server.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try pair.client.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        let written = pair.client.writeAndFlush(ByteBuffer(string: "early"))
        try pair.interact()
        try written.wait()
        #expect(pair.serverRecorder.received == Array("early".utf8))
    }

    @Test func clientFromAnotherCAIsRefusedAndLearnsItFromAnAlert() throws {
        let pki = try TestPKI.shared
        let pair = try BackToBack(
            server: pki.serverConfiguration(), client: pki.clientConfiguration(identity: pki.otherClient))
        try pair.connect()
        let serverError = try #require(pair.serverRecorder.errors.first)
        guard case .handshakeFailed(let reason) = serverError else {
            Issue.record("expected handshakeFailed, got \(serverError)")
            return
        }
        #expect(reason.contains("certificate verify failed"))
        #expect(pair.serverRecorder.handshakes.isEmpty)
        // TLS 1.3: the client finished its side, then reads the server's alert.
        let clientError = try #require(pair.clientRecorder.errors.first)
        #expect(clientError.isAuthenticationFailure)
        #expect(clientError.description.contains("unknown ca"))
        #expect(!pair.server.isActive)
    }

    @Test func expiredClientCertificateIsRefused() throws {
        let pki = try TestPKI.shared
        let pair = try BackToBack(
            server: pki.serverConfiguration(), client: pki.clientConfiguration(identity: pki.expiredClient))
        try pair.connect()
        let serverError = try #require(pair.serverRecorder.errors.first)
        #expect(serverError.description.contains("certificate has expired"))
        let clientError = try #require(pair.clientRecorder.errors.first)
        #expect(clientError == .alertReceived(reason: clientError.reasonText))
        #expect(clientError.description.contains("certificate expired"))
    }

    @Test func clientWithoutCertificateIsRefusedWithCertificateRequired() throws {
        let pki = try TestPKI.shared
        let pair = try BackToBack(server: pki.serverConfiguration(), client: pki.clientConfiguration(identity: nil))
        try pair.connect()
        #expect(pair.serverRecorder.errors.first?.description.contains("peer did not return a certificate") == true)
        #expect(pair.clientRecorder.errors.first?.description.contains("certificate required") == true)
    }

    @Test func serverNameMismatchIsRefusedByTheClient() throws {
        let pki = try TestPKI.shared
        let pair = try BackToBack(
            server: pki.serverConfiguration(),
            client: pki.clientConfiguration(identity: pki.client, serverName: "wrong.example")
        )
        try pair.connect()
        let clientError = try #require(pair.clientRecorder.errors.first)
        #expect(clientError.description.contains("hostname mismatch"))
        #expect(pair.clientRecorder.handshakes.isEmpty)
        #expect(pair.serverRecorder.handshakes.isEmpty)
    }

    @Test func httpsClientVerifiesChainAndAPerConnectionServerNameWithoutAClientCertificate() throws {
        let pki = try TestPKI.shared
        var server = pki.serverConfiguration()
        server.peerVerification = .optional
        server.applicationProtocol = "http/1.1"
        let client = TLSConfiguration.httpsClient(trustedCA: .file(pki.caCertificate))
        #expect(client.serverName == nil)
        let good = try BackToBack(server: server, client: client, clientServerName: "localhost")
        try good.connect()
        #expect(good.clientRecorder.handshakes.first?.applicationProtocol == "http/1.1")
        #expect(good.serverRecorder.handshakes.first?.peer == nil, "an https client sends no certificate")
        let byAddress = try BackToBack(server: server, client: client, clientServerName: "127.0.0.1")
        try byAddress.connect()
        #expect(byAddress.clientRecorder.handshakes.count == 1)
        let wrongName = try BackToBack(server: server, client: client, clientServerName: "webhook.example")
        try wrongName.connect()
        #expect(wrongName.clientRecorder.handshakes.isEmpty)
        #expect(wrongName.clientRecorder.errors.first?.description.contains("(verify: hostname mismatch)") == true)
        let otherTrust = TLSConfiguration.httpsClient(trustedCA: .file(pki.otherCACertificate))
        let untrusted = try BackToBack(server: server, client: otherTrust, clientServerName: "localhost")
        try untrusted.connect()
        #expect(untrusted.clientRecorder.handshakes.isEmpty)
        // The test server sends its CA along, so OpenSSL reports that CA as an untrusted self-signed root.
        let refusal = untrusted.clientRecorder.errors.first?.description ?? ""
        #expect(refusal.contains("certificate verify failed (verify: self-signed certificate in certificate chain)"))
    }

    @Test func ipAddressServerNameIsCheckedAgainstTheIPSubjectAltName() throws {
        let pki = try TestPKI.shared
        let good = try BackToBack(
            server: pki.serverConfiguration(),
            client: pki.clientConfiguration(identity: pki.client, serverName: "127.0.0.1"))
        try good.connect()
        #expect(good.clientRecorder.handshakes.count == 1)
        let bad = try BackToBack(
            server: pki.serverConfiguration(),
            client: pki.clientConfiguration(identity: pki.client, serverName: "10.9.9.9"))
        try bad.connect()
        #expect(bad.clientRecorder.errors.first?.description.contains("IP address mismatch") == true)
    }

    @Test func closeNotifyEndsTheSessionCleanly() throws {
        let pki = try TestPKI.shared
        let pair = try BackToBack(
            server: pki.serverConfiguration(), client: pki.clientConfiguration(identity: pki.client))
        try pair.connect()
        try pair.client.close().wait()
        try pair.interact()
        #expect(!pair.server.isActive)
        #expect(pair.serverRecorder.becameInactive)
        #expect(pair.serverRecorder.errors.isEmpty)
    }

    @Test func endWithoutCloseNotifyIsReportedAsTruncation() throws {
        let pki = try TestPKI.shared
        let pair = try BackToBack(
            server: pki.serverConfiguration(), client: pki.clientConfiguration(identity: pki.client))
        try pair.connect()
        pair.server.pipeline.fireChannelInactive()
        #expect(pair.serverRecorder.errors == [.uncleanShutdown])
    }

    @Test func garbageInsteadOfClientHelloFailsTheHandshakeAndCloses() throws {
        let pki = try TestPKI.shared
        let server = EmbeddedChannel()
        let recorder = Recorder()
        try server.pipeline.syncOperations.addHandlers([
            try TLSHandler(context: TLSContext(configuration: pki.serverConfiguration())), recorder,
        ])
        try server.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try server.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        let error = try #require(recorder.errors.first)
        guard case .handshakeFailed = error else {
            Issue.record("expected handshakeFailed, got \(error)")
            return
        }
        #expect(!server.isActive)
        #expect(recorder.received.isEmpty)
    }

    @Test func mismatchedApplicationProtocolIsRefused() throws {
        let pki = try TestPKI.shared
        var client = pki.clientConfiguration(identity: pki.client)
        client.applicationProtocol = "h2"
        let pair = try BackToBack(server: pki.serverConfiguration(), client: client)
        try pair.connect()
        #expect(pair.serverRecorder.handshakes.isEmpty)
        #expect(pair.serverRecorder.errors.first?.description.contains("no application protocol") == true)
        #expect(pair.clientRecorder.errors.first?.isAuthenticationFailure == true)
    }

    @Test func optionalVerificationAcceptsAClientWithoutCertificateButStillVerifiesOne() throws {
        let pki = try TestPKI.shared
        var server = pki.serverConfiguration()
        server.peerVerification = .optional
        let anonymous = try BackToBack(server: server, client: pki.clientConfiguration(identity: nil))
        try anonymous.connect()
        #expect(anonymous.serverRecorder.handshakes.count == 1)
        #expect(anonymous.serverRecorder.handshakes.first?.peer == nil)
        let foreign = try BackToBack(server: server, client: pki.clientConfiguration(identity: pki.otherClient))
        try foreign.connect()
        #expect(foreign.serverRecorder.handshakes.isEmpty)
        #expect(foreign.serverRecorder.errors.first?.isAuthenticationFailure == true)
    }

    @Test func pemTextWorksLikeFiles() throws {
        let pki = try TestPKI.shared
        func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
        let server = TLSConfiguration.server(
            certificateChain: .pem(try text(pki.server.certificate)),
            privateKey: .pem(try text(pki.server.key)),
            trustedCA: .pem(try text(pki.caCertificate))
        )
        let pair = try BackToBack(server: server, client: pki.clientConfiguration(identity: pki.client))
        try pair.connect()
        #expect(pair.serverRecorder.handshakes.first?.peer?.commonName == "client-1")
    }

    @Test func badKeyFileIsAConfigurationError() throws {
        let pki = try TestPKI.shared
        var configuration = pki.serverConfiguration()
        configuration.privateKey = .file(pki.client.key)
        #expect(throws: TLSError.self) { try TLSContext(configuration: configuration) }
        configuration.privateKey = .file("/nonexistent/key.pem")
        #expect(throws: TLSError.self) { try TLSContext(configuration: configuration) }
    }
}

extension TLSError {
    fileprivate var reasonText: String {
        switch self {
        case .configurationFailed(_, let reason), .handshakeFailed(let reason), .alertReceived(let reason),
            .readFailed(let reason), .writeFailed(let reason):
            reason
        case .uncleanShutdown: ""
        }
    }
}

import ArgumentParser
import CertCrypto
import Foundation

/// `certbench crypto`: uploads validated per second (parse leaf + intermediate PEM, parse key,
/// match, build and verify the chain to a trusted root), single thread, for an RSA-2048 and an
/// EC P-256 leaf, compared with `openssl speed`'s verify-only rate for the same algorithm.
///
/// Each upload verifies two signatures (leaf by intermediate, intermediate by the trusted root),
/// so the verify-only limit is `verify/s ÷ 2` uploads per second; the ratio printed is
/// limit ÷ measured (1.0 would mean parsing and bookkeeping cost nothing).
struct CryptoBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crypto",
        abstract: "Certificates parsed + matched + chain-verified per second vs openssl speed."
    )

    @Option(help: "Seconds to run each case.")
    var seconds: Double = 3

    @Flag(help: "Skip running `openssl speed` for the reference rates.")
    var skipOpenSSLSpeed = false

    @Flag(help: "Also time each stage (certificate parsing, chain building, key parsing, matching) alone.")
    var breakdown = false

    /// One benchmark input: the PEM texts an upload would carry.
    struct Upload {
        var name: String
        var leafPEM: [UInt8]
        var chainPEM: [UInt8]
        var keyPEM: [UInt8]
        var root: Certificate
    }

    func run() throws {
        let rsa = try Self.makeUpload(name: "RSA-2048", algorithm: .rsa(bits: 2048))
        let ec = try Self.makeUpload(name: "EC P-256", algorithm: .p256)
        let reference = self.skipOpenSSLSpeed ? [:] : Self.opensslVerifyRates(seconds: Int(self.seconds.rounded(.up)))
        print("rates per CPU-second of this thread (openssl speed also divides by CPU time)")
        print("case       uploads/s   µs/upload   openssl verify/s   limit uploads/s   limit÷measured")
        for (upload, speedKey) in [(rsa, "rsa2048"), (ec, "ecdsap256")] {
            let rate = try self.measure(upload)
            let line: String
            if let verify = reference[speedKey] {
                let limit = verify / 2
                line = String(
                    format: "%@   %9.0f   %9.1f   %16.0f   %15.0f   %14.2f",
                    upload.name.padding(toLength: 8, withPad: " ", startingAt: 0), rate, 1e6 / rate, verify, limit,
                    limit / rate)
            } else {
                line = String(
                    format: "%@   %9.0f   %9.1f", upload.name.padding(toLength: 8, withPad: " ", startingAt: 0), rate,
                    1e6 / rate)
            }
            print(line)
        }
        if self.breakdown {
            print(
                "stage (µs/op)        "
                    + [rsa, ec].map { $0.name.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
            for (stage, body) in Self.stages {
                var cells: [String] = []
                for upload in [rsa, ec] {
                    let prepared = try Prepared(upload)
                    let rate = try self.rate { try body(upload, prepared) }
                    cells.append(String(format: "%-10.1f", 1e6 / rate))
                }
                print(stage.padding(toLength: 21, withPad: " ", startingAt: 0) + cells.joined())
            }
        }
    }

    /// Parsed objects for the stage timings.
    struct Prepared {
        var leaf: Certificate
        var intermediate: Certificate
        var key: PrivateKey
        var keyDER: [UInt8]
        var sealer: Sealer

        init(_ upload: Upload) throws {
            self.leaf = try CertificateBundle.parseCertificates(upload.leafPEM, field: .certificate)[0]
            self.intermediate = try CertificateBundle.parseCertificates(upload.chainPEM, field: .chain)[0]
            self.key = try PrivateKey(bytes: upload.keyPEM, passphrase: nil)
            self.keyDER = self.key.pkcs8DER
            self.sealer = Sealer(masterKey: try MasterKey.generate())
        }
    }

    static var stages: [(String, (Upload, Prepared) throws -> Void)] {
        [
            (
                "parse 2 certificates",
                { upload, _ in
                    _ = try CertificateBundle.parseCertificates(upload.leafPEM, field: .certificate)
                    _ = try CertificateBundle.parseCertificates(upload.chainPEM, field: .chain)
                }
            ),
            (
                "build+verify chain",
                { upload, prepared in
                    _ = try CertificateChain.build(
                        certificates: [(prepared.leaf, .certificate), (prepared.intermediate, .chain)],
                        trustedIssuers: [upload.root])
                }
            ),
            ("parse private key", { upload, _ in _ = try PrivateKey(bytes: upload.keyPEM, passphrase: nil) }),
            ("match key", { _, prepared in try KeyMatcher.check(certificate: prepared.leaf, key: prepared.key) }),
            // What an upload does after validation and a get/download does per stored entry.
            ("encode PKCS#8 key", { _, prepared in _ = prepared.key.pkcs8DER }),
            (
                "seal key (AES-GCM)",
                { _, prepared in
                    _ = try prepared.sealer.seal(prepared.keyDER, associatedData: Array("key/cert-bench/signing".utf8))
                }
            ),
            ("parse DER certificate", { _, prepared in _ = try Certificate(der: prepared.leaf.der) }),
        ]
    }

    /// Operations per second of this thread's CPU time (like `openssl speed`, which divides by user
    /// CPU time unless `-elapsed`), so a shared, loaded machine does not skew the comparison.
    func rate(_ body: () throws -> Void) throws -> Double {
        for _ in 0..<20 { try body() }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = Self.threadCPUSeconds()
        let budget = Duration.milliseconds(Int(self.seconds * 1000))
        var count = 0
        while clock.now - start < budget {
            for _ in 0..<20 { try body() }
            count += 20
        }
        return Double(count) / (Self.threadCPUSeconds() - cpuStart)
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Uploads validated per CPU-second, run for `seconds` of wall time.
    func measure(_ upload: Upload) throws -> Double {
        try self.rate { try Self.validate(upload) }
    }

    /// What certd does on upload: parse, order + verify the chain, parse the key, match it.
    static func validate(_ upload: Upload) throws {
        let bundle = try CertificateBundle.parse(
            certificatePEM: upload.leafPEM, chainPEM: upload.chainPEM, trustedIssuers: [upload.root])
        guard bundle.chain.isComplete else { throw ValidationError("benchmark chain unexpectedly incomplete") }
        let key = try PrivateKey(bytes: upload.keyPEM, passphrase: nil)
        try KeyMatcher.check(certificate: bundle.leaf, key: key)
    }

    static func makeUpload(name: String, algorithm: KeyAlgorithm) throws -> Upload {
        let now = Date()
        let root = try CertificateAuthority.makeRoot(
            subject: .init(commonName: "\(name) Root"), key: try PrivateKey.generate(algorithm),
            validity: .days(3650, from: now))
        let intermediate = try root.issueIntermediate(
            subject: .init(commonName: "\(name) Intermediate"), key: try PrivateKey.generate(algorithm),
            validity: .days(3650, from: now))
        let leafKey = try PrivateKey.generate(algorithm)
        let leaf = try intermediate.issueLeaf(
            subject: .init(commonName: "bench.example.com"), publicKey: leafKey.publicKey,
            subjectAlternativeNames: [.dns("bench.example.com"), .dns("www.bench.example.com")],
            validity: .days(365, from: now))
        return Upload(
            name: name, leafPEM: Array(leaf.pem.utf8), chainPEM: Array(intermediate.certificate.pem.utf8),
            keyPEM: Array(try leafKey.pkcs8PEM().utf8), root: root.certificate)
    }

    /// Runs `openssl speed` and returns verify/s keyed by `rsa2048` / `ecdsap256`.
    static func opensslVerifyRates(seconds: Int) -> [String: Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["speed", "-seconds", "\(seconds)", "rsa2048", "ecdsap256"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [:] }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var rates: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let last = fields.last, let value = Double(last) else { continue }
            if line.hasPrefix("rsa 2048 bits") { rates["rsa2048"] = value }
            if line.contains("(nistp256)") { rates["ecdsap256"] = value }
        }
        return rates
    }
}

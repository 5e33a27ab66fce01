import CertCrypto
import CertTestSupport
import Foundation
import Testing

@testable import CertDomain

@Suite("DeploymentBoard: targets, jobs, retries, resume, status, replace")
struct DeploymentBoardTests {
    @Test("a product target needs a resource id and region; names are unique per account")
    func targetValidation() async throws {
        let fixture = try await DeploymentFixture()
        await #expect(
            throws: DomainError.invalidArgument(
                field: "resourceID", detail: "required for slb targets: 1-256 characters")
        ) {
            try await fixture.board.createTarget(fixture.alice, NewDeploymentTarget(name: "lb", kind: .slb))
        }
        let lb = try await fixture.board.createTarget(
            fixture.alice, NewDeploymentTarget(name: "lb", kind: .slb, resourceID: "lb-1", region: "eu-1"))
        #expect(lb.allowKey)
        await #expect(throws: DomainError.deployment(.targetNameTaken(name: "lb"))) {
            try await fixture.board.createTarget(
                fixture.alice, NewDeploymentTarget(name: "lb", kind: .cdn, resourceID: "x", region: "y"))
        }
        let hook = try await fixture.board.createTarget(
            fixture.alice, NewDeploymentTarget(name: "hook", kind: .webhook, settings: ["url": "http://127.0.0.1:1/x"]))
        #expect(!hook.allowKey)
        await #expect(throws: DomainError.self) {
            try await fixture.board.createTarget(
                fixture.alice, NewDeploymentTarget(name: "f", kind: .file, settings: ["directory": "../etc"]))
        }
        await #expect(throws: DomainError.self) {
            try await fixture.board.createTarget(
                fixture.alice, NewDeploymentTarget(name: "c", kind: .command, settings: ["command": "/bin/sh"]))
        }
        #expect(try fixture.board.targets(fixture.alice).map(\.name).sorted() == ["hook", "lb"])
        #expect(try fixture.board.targets(fixture.bob).isEmpty)
        #expect(throws: DomainError.deployment(.targetNotFound(id: lb.id.rawValue))) {
            try fixture.board.target(fixture.bob, id: lb.id)
        }
    }

    @Test("a job deploys to each target, the key only where allowed, and records the deployment")
    func deploySucceeds() async throws {
        let fixture = try await DeploymentFixture()
        let (entry, leaf) = try await fixture.upload(fixture.alice, name: "site")
        let file = try await fixture.fileTarget(fixture.alice)
        let hook = try await fixture.board.createTarget(
            fixture.alice, NewDeploymentTarget(name: "hook", kind: .webhook, settings: ["url": "http://h/x"]))
        let job = try await fixture.board.deploy(fixture.alice, certificateID: entry.id, targetIDs: [file.id, hook.id])
        #expect(job.state == .pending)
        #expect(try await fixture.board.runDueWork() == nil)
        let done = try fixture.board.job(fixture.alice, id: job.id)
        #expect(done.state == .succeeded)
        #expect(done.runs.map(\.state) == [.succeeded, .succeeded])
        let calls = fixture.executor.calls
        #expect(calls.count == 2)
        let fileKey = try #require(calls.first { $0.target.id == file.id }?.material.privateKeyPEM)
        #expect(
            try PrivateKey(bytes: Array(fileKey.utf8), passphrase: nil, field: .privateKey).pkcs8DER
                == PrivateKey(bytes: leaf.keyPEM, passphrase: nil, field: .privateKey).pkcs8DER)
        #expect(calls.first { $0.target.id == hook.id }?.material.privateKeyPEM == nil)
        let status = try fixture.board.deploymentStatus(fixture.alice, certificateID: entry.id)
        #expect(status.deployments.count == 2)
        #expect(
            status.deployments.allSatisfy { !$0.isOutdated && $0.fingerprintSHA256 == entry.details.fingerprintSHA256 })
        #expect(status.latestJob?.id == job.id)
        let record = try fixture.domain.store.read {
            try $0.decodedDocument(
                DeployedCertificate.self, in: .deployedCertificates, key: "\(entry.id.rawValue)/\(file.id.rawValue)")
        }
        #expect(record?.fingerprintSHA256 == entry.details.fingerprintSHA256)
    }

    @Test("an SM2 dual entry deploys both pairs; a target without keys gets both certificates and no key")
    func sm2DualDeploysBothPairs() async throws {
        let fixture = try await DeploymentFixture()
        let pki = fixture.domain.pki
        let signing = try pki.sm2Leaf(commonName: "gm.example.cn", usage: [.digitalSignature])
        let encryption = try pki.sm2Leaf(commonName: "gm.example.cn", usage: [.keyEncipherment, .dataEncipherment])
        let entry = try await fixture.inventory.uploadSM2DualCertificate(
            fixture.alice,
            SM2DualUpload(
                name: "gm", signingCertificate: signing.certificatePEM, signingPrivateKey: signing.keyPEM,
                encryptionCertificate: encryption.certificatePEM, encryptionPrivateKey: encryption.keyPEM,
                chain: Array(pki.sm2Root.certificate.pem.utf8))
        ).entry
        let file = try await fixture.fileTarget(fixture.alice)
        let hook = try await fixture.board.createTarget(
            fixture.alice,
            NewDeploymentTarget(name: "hook", kind: .webhook, settings: ["url": "http://127.0.0.1/x"], allowKey: false))
        _ = try await fixture.board.deploy(fixture.alice, certificateID: entry.id, targetIDs: [file.id, hook.id])
        #expect(try await fixture.board.runDueWork() == nil)
        let withKeys = try #require(fixture.executor.calls.first { $0.target.id == file.id }?.material)
        func der(_ pem: String?) throws -> [UInt8] {
            try PrivateKey(bytes: Array(try #require(pem).utf8), passphrase: nil, field: .privateKey).pkcs8DER
        }
        #expect(try der(withKeys.privateKeyPEM) == signing.key.pkcs8DER)
        #expect(try der(withKeys.encryptionPrivateKeyPEM) == encryption.key.pkcs8DER)
        #expect(withKeys.encryptionCertificatePEM == encryption.certificate.pem)
        let withoutKeys = try #require(fixture.executor.calls.first { $0.target.id == hook.id }?.material)
        #expect(withoutKeys.privateKeyPEM == nil && withoutKeys.encryptionPrivateKeyPEM == nil)
        #expect(withoutKeys.encryptionCertificatePEM == encryption.certificate.pem)
    }

    @Test("a failing target is retried with exponential backoff, then succeeds")
    func retriesWithBackoff() async throws {
        let fixture = try await DeploymentFixture()
        let (entry, _) = try await fixture.upload(fixture.alice, name: "site")
        let target = try await fixture.fileTarget(fixture.alice)
        fixture.executor.script([.failed("disk full"), .failed("disk full again")])
        let job = try await fixture.board.deploy(fixture.alice, certificateID: entry.id, targetIDs: [target.id])
        let start = fixture.domain.clock.now()
        #expect(try await fixture.board.runDueWork() == start.addingTimeInterval(10))
        var current = try fixture.board.job(fixture.alice, id: job.id)
        #expect(current.state == .running)
        #expect(current.runs[0].state == .pending)
        #expect(current.runs[0].lastError == "disk full")
        fixture.domain.clock.advance(by: 5)
        #expect(try await fixture.board.runDueWork() == start.addingTimeInterval(10))
        #expect(fixture.executor.calls.count == 1)
        fixture.domain.clock.advance(by: 5)
        // Second failure: the delay doubles to 20 s, capped at 15 s by the policy.
        #expect(try await fixture.board.runDueWork() == start.addingTimeInterval(25))
        fixture.domain.clock.advance(by: 15)
        #expect(try await fixture.board.runDueWork() == nil)
        current = try fixture.board.job(fixture.alice, id: job.id)
        #expect(current.state == .succeeded)
        #expect(current.runs[0].attempts == 3)
        #expect(current.runs[0].lastError.isEmpty)
    }

    @Test("attempts are bounded; a rejected attempt fails at once; the job fails with the error text")
    func failures() async throws {
        let fixture = try await DeploymentFixture()
        let (entry, _) = try await fixture.upload(fixture.alice, name: "site")
        let first = try await fixture.fileTarget(fixture.alice, name: "one")
        let second = try await fixture.fileTarget(fixture.alice, name: "two")
        fixture.executor.script([
            .rejected("no deployment root configured"), .failed("boom"), .failed("boom"), .failed("boom"),
        ])
        let job = try await fixture.board.deploy(
            fixture.alice, certificateID: entry.id, targetIDs: [first.id, second.id])
        for _ in 0..<4 {
            _ = try await fixture.board.runDueWork()
            fixture.domain.clock.advance(by: 60)
        }
        let done = try fixture.board.job(fixture.alice, id: job.id)
        #expect(done.state == .failed)
        #expect(done.runs[0].state == .failed && done.runs[0].attempts == 1)
        #expect(done.runs[0].lastError == "no deployment root configured")
        #expect(done.runs[1].state == .failed && done.runs[1].attempts == 3)
        #expect(done.runs[1].lastError == "boom")
        #expect(try fixture.board.deploymentStatus(fixture.alice, certificateID: entry.id).deployments.isEmpty)
        #expect(try await fixture.board.runDueWork() == nil)
    }

    @Test("a run left running by a dead process is resumed by the next one")
    func resumesInterruptedRun() async throws {
        let fixture = try await DeploymentFixture()
        let (entry, _) = try await fixture.upload(fixture.alice, name: "site")
        let target = try await fixture.fileTarget(fixture.alice)
        let job = try await fixture.board.deploy(fixture.alice, certificateID: entry.id, targetIDs: [target.id])
        // The first process claims the run and dies before recording anything.
        _ = try #require(try await fixture.board.claimDueRun())
        #expect(try fixture.board.job(fixture.alice, id: job.id).state == .running)
        #expect(try await fixture.board.runDueWork() == nil)
        #expect(fixture.executor.calls.isEmpty)
        let restarted = DeploymentBoard(
            store: fixture.domain.store, clock: fixture.domain.clock, sealer: fixture.sealer,
            executor: fixture.executor, probe: FixedProbe(answer: .success("")))
        #expect(try await restarted.resumeInterrupted() == 1)
        _ = try await restarted.runDueWork()
        let done = try restarted.job(fixture.alice, id: job.id)
        #expect(done.state == .succeeded)
        #expect(done.runs[0].attempts == 2)
        #expect(fixture.executor.calls.count == 1)
    }

    @Test("verification records verified, servesOther with the found fingerprint, or unreachable")
    func verification() async throws {
        let endpoint = VerificationEndpoint(host: "127.0.0.1", port: 8443, serverName: "site.example.com")
        for answer in [
            Result<String, EndpointProbeFailure>.success("same"), .success("ab" + String(repeating: "0", count: 62)),
            .failure(.init(reason: "connection refused")),
        ] {
            let fixture = try await DeploymentFixture(probe: answer)
            let (entry, _) = try await fixture.upload(fixture.alice, name: "site")
            let target = try await fixture.fileTarget(fixture.alice, endpoint: endpoint)
            _ = try await fixture.board.deploy(fixture.alice, certificateID: entry.id, targetIDs: [target.id])
            _ = try await fixture.board.runDueWork()
            let item = try #require(
                try fixture.board.deploymentStatus(fixture.alice, certificateID: entry.id).deployments.first)
            switch answer {
            case .success("same"):
                // The fixed probe does not know the fingerprint, so "same" is another certificate.
                #expect(item.verification?.result == .servesOther)
                #expect(item.verification?.foundFingerprintSHA256 == "same")
            case .success(let other):
                #expect(item.verification?.result == .servesOther)
                #expect(item.verification?.foundFingerprintSHA256 == other)
                #expect(item.verification?.attempts == DeploymentPolicy().verificationAttempts)
            case .failure:
                #expect(item.verification?.result == .unreachable)
                #expect(item.verification?.detail == "connection refused")
            }
        }
        let fixture = try await DeploymentFixture()
        let (entry, _) = try await fixture.upload(fixture.alice, name: "site")
        let verified = await fixture.board.verify(endpoint, expecting: entry.details.fingerprintSHA256)
        #expect(verified.result == .unreachable)
        let board = DeploymentBoard(
            store: fixture.domain.store, clock: fixture.domain.clock, sealer: fixture.sealer,
            executor: fixture.executor, probe: FixedProbe(answer: .success(entry.details.fingerprintSHA256)))
        #expect(await board.verify(endpoint, expecting: entry.details.fingerprintSHA256).result == .verified)
    }

    @Test("verification re-checks while a reload is in progress and records the check that found the new leaf")
    func verificationWaitsForReload() async throws {
        let endpoint = VerificationEndpoint(host: "127.0.0.1", port: 8443, serverName: "site.example.com")
        let policy = DeploymentPolicy(
            maximumAttempts: 3, baseDelay: 10, maximumDelay: 15, verificationAttempts: 5, verificationDelay: 0.001,
            verificationMaximumDelay: 0.001)
        // The fingerprint is known only after the upload, so the board under test is made afterwards
        // on the fixture's store, with a probe that sees the reload finish at the third check.
        let reloading = try await DeploymentFixture(policy: policy)
        let (entry, _) = try await reloading.upload(reloading.alice, name: "site")
        let probe = ScriptedProbe([
            .failure(.init(reason: "connection refused")), .success("old" + String(repeating: "0", count: 61)),
            .success(entry.details.fingerprintSHA256),
        ])
        let board = DeploymentBoard(
            store: reloading.domain.store, clock: reloading.domain.clock, sealer: reloading.sealer,
            executor: reloading.executor, probe: probe, policy: policy)
        let target = try await board.createTarget(
            reloading.alice,
            NewDeploymentTarget(name: "web", kind: .file, settings: ["directory": "web"], verifyEndpoint: endpoint))
        let job = try await board.deploy(reloading.alice, certificateID: entry.id, targetIDs: [target.id])
        _ = try await board.runDueWork()

        let run = try #require(try board.job(reloading.alice, id: job.id).runs.first)
        #expect(run.state == .succeeded)
        #expect(run.verification?.result == .verified)
        #expect(run.verification?.attempts == 3)
        #expect(probe.calls == 3, "checks stop at the first verified")
        let item = try #require(try board.deploymentStatus(reloading.alice, certificateID: entry.id).deployments.first)
        #expect(item.verification?.result == .verified)
        #expect(item.verification?.foundFingerprintSHA256 == entry.details.fingerprintSHA256)

        // An endpoint that never serves the new leaf is checked `verificationAttempts` times.
        let stale = ScriptedProbe([.success("old" + String(repeating: "0", count: 61))])
        let staleBoard = DeploymentBoard(
            store: reloading.domain.store, clock: reloading.domain.clock, sealer: reloading.sealer,
            executor: reloading.executor, probe: stale,
            policy: DeploymentPolicy(verificationAttempts: 2, verificationDelay: 0.001))
        let result = await staleBoard.verify(endpoint, expecting: entry.details.fingerprintSHA256)
        #expect(result.result == .servesOther)
        #expect(result.attempts == 2)
        #expect(stale.calls == 2)
    }

    @Test("a verification stored before attempts were counted decodes as one check")
    func verificationDecodesWithoutAttempts() throws {
        let json = #"{"result":"verified","foundFingerprintSHA256":"ab","detail":"","checkedAt":0}"#
        let decoded = try JSONDecoder().decode(DeploymentVerification.self, from: Data(json.utf8))
        #expect(decoded.result == .verified)
        #expect(decoded.attempts == 1)
        let again = try JSONDecoder().decode(DeploymentVerification.self, from: JSONEncoder().encode(decoded))
        #expect(again == decoded)
        let three = DeploymentVerification(result: .unreachable, detail: "refused", checkedAt: Date(), attempts: 3)
        #expect(try JSONDecoder().decode(DeploymentVerification.self, from: JSONEncoder().encode(three)).attempts == 3)
    }

    @Test("deleting a target drops its records; deleting a certificate leaves what was deployed")
    func deletions() async throws {
        let fixture = try await DeploymentFixture()
        let (entry, _) = try await fixture.upload(fixture.alice, name: "site")
        let keep = try await fixture.fileTarget(fixture.alice, name: "keep")
        let drop = try await fixture.fileTarget(fixture.alice, name: "drop")
        _ = try await fixture.board.deploy(fixture.alice, certificateID: entry.id, targetIDs: [keep.id, drop.id])
        _ = try await fixture.board.runDueWork()
        await #expect(throws: DomainError.deployment(.targetNotFound(id: drop.id.rawValue))) {
            try await fixture.board.deleteTarget(fixture.bob, id: drop.id)
        }
        try await fixture.board.deleteTarget(fixture.alice, id: drop.id)
        #expect(
            try fixture.board.deploymentStatus(fixture.alice, certificateID: entry.id).deployments.map(\.targetID) == [
                keep.id
            ])
        try await fixture.inventory.deleteCertificate(fixture.alice, id: entry.id)
        let remaining = try fixture.domain.store.read {
            try $0.decodedDocuments(
                DeployedCertificate.self, in: .deployedCertificates, prefix: entry.id.rawValue + "/")
        }
        #expect(remaining.map(\.targetID) == [keep.id])
    }

    @Test("deploy refuses another account's certificate or target, and a keyless certificate for key targets")
    func deployRefusals() async throws {
        let fixture = try await DeploymentFixture()
        let (entry, _) = try await fixture.upload(fixture.alice, name: "site")
        let target = try await fixture.fileTarget(fixture.alice)
        let bobTarget = try await fixture.fileTarget(fixture.bob)
        await #expect(throws: DomainError.certificateNotFound(id: entry.id)) {
            try await fixture.board.deploy(fixture.bob, certificateID: entry.id, targetIDs: [bobTarget.id])
        }
        await #expect(throws: DomainError.deployment(.targetNotFound(id: bobTarget.id.rawValue))) {
            try await fixture.board.deploy(fixture.alice, certificateID: entry.id, targetIDs: [bobTarget.id])
        }
        await #expect(throws: DomainError.invalidArgument(field: "targetIDs", detail: "name 1-50 targets")) {
            try await fixture.board.deploy(fixture.alice, certificateID: entry.id, targetIDs: [])
        }
        var keyless = entry
        keyless.id = CertificateID.generate()
        keyless.name = "nokey"
        keyless.sealedKeys = []
        try await fixture.domain.store.write { [keyless] in try $0.putCertificate(keyless) }
        await #expect(
            throws: DomainError.deployment(
                .certificateHasNoKey(certificateID: keyless.id.rawValue, targetID: target.id.rawValue))
        ) {
            try await fixture.board.deploy(fixture.alice, certificateID: keyless.id, targetIDs: [target.id])
        }
        let hook = try await fixture.board.createTarget(
            fixture.alice, NewDeploymentTarget(name: "hook", kind: .webhook, settings: ["url": "http://h/x"]))
        let job = try await fixture.board.deploy(fixture.alice, certificateID: keyless.id, targetIDs: [hook.id])
        #expect(job.runs.count == 1)
    }

    @Test("a shared certificate deploys the owner's key to the recipient's target")
    func sharedDeployment() async throws {
        let fixture = try await DeploymentFixture()
        let (original, leaf) = try await fixture.upload(fixture.alice, name: "site")
        var shared = original
        shared.id = CertificateID.generate()
        shared.ownerAccountID = fixture.bob.accountID
        shared.source = .shared
        shared.sealedKeys = []
        shared.sharedFrom = ShareOrigin(ownerAccountID: fixture.alice.accountID, certificateID: original.id)
        try await fixture.domain.store.write { [shared] in try $0.putCertificate(shared) }
        let target = try await fixture.fileTarget(fixture.bob)
        _ = try await fixture.board.deploy(fixture.bob, certificateID: shared.id, targetIDs: [target.id])
        _ = try await fixture.board.runDueWork()
        let sent = try #require(fixture.executor.calls.first?.material.privateKeyPEM)
        #expect(
            try PrivateKey(bytes: Array(sent.utf8), passphrase: nil, field: .privateKey).pkcs8DER
                == PrivateKey(bytes: leaf.keyPEM, passphrase: nil, field: .privateKey).pkcs8DER)
        #expect(try fixture.board.deploymentStatus(fixture.bob, certificateID: shared.id).deployments.count == 1)
        await #expect(throws: DomainError.downloadForbidden(id: shared.id)) {
            try await fixture.inventory.downloadCertificate(fixture.bob, id: shared.id)
        }
        try await fixture.inventory.deleteCertificate(fixture.alice, id: original.id)
        await #expect(throws: DomainError.deployment(.sharedOriginUnavailable(certificateID: shared.id.rawValue))) {
            try await fixture.board.deploy(fixture.bob, certificateID: shared.id, targetIDs: [target.id])
        }
    }

    @Test("replace keeps id, name and tags, swaps certificate and key, and redeploys in one job")
    func replaceAndRedeploy() async throws {
        let fixture = try await DeploymentFixture()
        let (entry, _) = try await fixture.upload(fixture.alice, name: "site")
        let one = try await fixture.fileTarget(fixture.alice, name: "one")
        let two = try await fixture.fileTarget(fixture.alice, name: "two")
        _ = try await fixture.board.deploy(fixture.alice, certificateID: entry.id, targetIDs: [one.id, two.id])
        _ = try await fixture.board.runDueWork()
        let renewed = try fixture.domain.pki.leaf(commonName: "site.example.com", days: 400)
        let result = try await fixture.board.replaceCertificate(
            fixture.alice, id: entry.id,
            CertificateReplacement(
                certificate: renewed.certificatePEM, chain: fixture.domain.pki.chainPEM, privateKey: renewed.keyPEM))
        #expect(result.entry.id == entry.id && result.entry.name == entry.name)
        #expect(result.entry.details.fingerprintSHA256 == renewed.certificate.details.sha256Fingerprint)
        let job = try #require(result.redeployJob)
        #expect(job.trigger == "replace")
        #expect(Set(job.runs.map(\.targetID)) == [one.id, two.id])
        #expect(
            try fixture.board.deploymentStatus(fixture.alice, certificateID: entry.id).deployments.allSatisfy(
                \.isOutdated))
        _ = try await fixture.board.runDueWork()
        #expect(try fixture.board.job(fixture.alice, id: job.id).state == .succeeded)
        let status = try fixture.board.deploymentStatus(fixture.alice, certificateID: entry.id)
        #expect(status.deployments.allSatisfy { !$0.isOutdated })
        #expect(
            fixture.executor.calls.suffix(2).allSatisfy {
                $0.material.fingerprintSHA256 == renewed.certificate.details.sha256Fingerprint
            })
        let download = try await fixture.inventory.downloadCertificate(fixture.alice, id: entry.id)
        #expect(download.privateKeyPKCS8 == renewed.key.pkcs8DER)
    }

    @Test("replace refuses a wrong key and a certificate that was not uploaded")
    func replaceRefusals() async throws {
        let fixture = try await DeploymentFixture()
        let (entry, _) = try await fixture.upload(fixture.alice, name: "site")
        let renewed = try fixture.domain.pki.leaf(commonName: "site.example.com")
        let other = try fixture.domain.pki.leaf(commonName: "other.example.com")
        await #expect(throws: DomainError.self) {
            try await fixture.board.replaceCertificate(
                fixture.alice, id: entry.id,
                CertificateReplacement(certificate: renewed.certificatePEM, privateKey: other.keyPEM))
        }
        var pca = entry
        pca.id = CertificateID.generate()
        pca.name = "from-ca"
        pca.source = .pca
        try await fixture.domain.store.write { [pca] in try $0.putCertificate(pca) }
        await #expect(
            throws: DomainError.deployment(.replaceNotSupported(certificateID: pca.id.rawValue, source: "pca"))
        ) {
            try await fixture.board.replaceCertificate(
                fixture.alice, id: pca.id,
                CertificateReplacement(certificate: renewed.certificatePEM, privateKey: renewed.keyPEM))
        }
        await #expect(throws: DomainError.certificateNotFound(id: entry.id)) {
            try await fixture.board.replaceCertificate(
                fixture.bob, id: entry.id,
                CertificateReplacement(certificate: renewed.certificatePEM, privateKey: renewed.keyPEM))
        }
        #expect(try fixture.inventory.certificate(fixture.alice, id: entry.id) == entry)
    }
}

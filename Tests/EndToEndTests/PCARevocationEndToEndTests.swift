import CertTestSupport
import Foundation
import Testing

/// Revoking an intermediate private CA through the real certd and the real certctl: the root's CRL
/// (checked by the openssl CLI) lists it, `openssl verify -crl_check` rejects it, it refuses issuance
/// with a message naming it, refusals name their cause, and a synced leaf's inventory entry shows the
/// `revoked` warning in `cert get --json`.
@Suite("private CA revocation end to end")
struct PCARevocationEndToEndTests {
    typealias Session = CertctlTests.Session

    /// Runs certctl with `--json`, expecting success (see ``PCAEndToEndTests/json(_:_:sourceLocation:)``).
    static func json(
        _ session: Session, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        try await PCAEndToEndTests.json(session, arguments, sourceLocation: sourceLocation)
    }

    /// The reason and message of a certctl `--json` failure.
    static func failure(_ result: CertctlProcess.Result) throws -> (reason: String?, message: String?) {
        let error = try result.json()["error"] as? [String: Any]
        return (error?["reason"] as? String, error?["message"] as? String)
    }

    /// A hex serial without leading zeros, uppercase (as `openssl crl -text` prints it).
    static func normalized(_ serial: String) -> String {
        String(serial.uppercased().drop { $0 == "0" })
    }

    @Test("revoke an intermediate: root CRL lists it, issuance refused, synced leaf warned")
    func revokeIntermediate() async throws {
        try await CertctlTests.withSession { session in
            let root = try await Self.json(
                session,
                ["pca", "root", "create", "--region", "cn-hangzhou", "--cn", "Revoke Root", "--path-length", "1"])
            let rootID = try #require(root["id"] as? String)
            let intermediate = try await Self.json(
                session, ["pca", "intermediate", "create", "--parent", rootID, "--cn", "Revoke Issuing"])
            let caID = try #require(intermediate["id"] as? String)
            #expect(intermediate["status"] as? String == "active")
            let leaf = try await Self.json(session, ["pca", "issue", "--ca", caID, "--cn", "svc.revoke.internal"])
            let leafID = try #require(leaf["id"] as? String)
            let synced = try await Self.json(session, ["pca", "sync", "--ca", caID, "--ids", leafID])
            let entryID = try #require((synced["items"] as? [[String: Any]])?.first?["inventoryID"] as? String)
            let before = try await Self.json(session, ["cert", "get", entryID])
            #expect((before["warnings"] as? [[String: Any]] ?? []).isEmpty)

            let revoked = try await Self.json(
                session, ["pca", "intermediate", "revoke", "--ca", caID, "--reason", "keyCompromise"])
            #expect(revoked["status"] as? String == "revoked")
            #expect(revoked["revocationReason"] as? String == "keyCompromise")
            #expect(revoked["revokedAt"] as? String != nil)
            let listed = try await Self.json(session, ["pca", "intermediate", "list"])
            let statuses = (listed["authorities"] as? [[String: Any]])?.map { $0["status"] as? String }
            #expect(statuses == ["revoked"])
            let text = try await session.certctl("pca", "intermediate", "list")
            #expect(text.status == 0 && text.stdout.contains("revoked"), "\(text)")

            // Refusals name their cause.
            let twice = try await session.certctl("pca", "intermediate", "revoke", "--ca", caID, "--json")
            let twiceFailure = try Self.failure(twice)
            #expect(twice.status == 6 && twiceFailure.reason == "authorityAlreadyRevoked", "\(twice)")
            let rootRevoke = try await session.certctl("pca", "intermediate", "revoke", "--ca", rootID, "--json")
            let rootFailure = try Self.failure(rootRevoke)
            #expect(rootRevoke.status == 6 && rootFailure.reason == "rootNotRevocable", "\(rootRevoke)")
            #expect(rootFailure.message?.contains("root CA") == true)
            let issue = try await session.certctl("pca", "issue", "--ca", caID, "--cn", "new.revoke.internal", "--json")
            let issueFailure = try Self.failure(issue)
            #expect(issue.status == 6 && issueFailure.reason == "authorityRevoked", "\(issue)")
            #expect(
                issueFailure.message?.contains(caID) == true && issueFailure.message?.contains("is revoked") == true)
            let plain = try await session.certctl("pca", "issue", "--ca", caID, "--cn", "new.revoke.internal")
            #expect(plain.status == 6 && (plain.stderr + plain.stdout).contains("is revoked"), "\(plain)")

            // The root's CRL lists the intermediate; openssl verifies the CRL and rejects the intermediate.
            let rootPath = try PCAEndToEndTests.write(
                try #require(root["certificatePEM"] as? String), "root.pem", in: session)
            let caPath = try PCAEndToEndTests.write(
                try #require(intermediate["certificatePEM"] as? String), "ca.pem", in: session)
            let crlPath = session.work + "/root.crl"
            let crl = try await Self.json(session, ["pca", "crl", "--ca", rootID, "--out", crlPath])
            #expect(crl["revokedCount"] as? Int == 1)
            let crlText = try await ChildProcess.run(
                executable: "/usr/bin/openssl",
                arguments: ["crl", "-in", crlPath, "-CAfile", rootPath, "-noout", "-text"],
                workingDirectory: session.work)
            #expect(crlText.stdout.contains("verify OK") || crlText.stderr.contains("verify OK"), "\(crlText)")
            let serial = Self.normalized(try #require(intermediate["serialNumber"] as? String))
            // openssl prints whole bytes ("0EA2..."), the API the shortest hex: compare both normalized.
            let revokedSerials = crlText.stdout.split(separator: "\n").compactMap { line -> String? in
                guard let label = line.range(of: "Serial Number: ") else { return nil }
                return Self.normalized(line[label.upperBound...].trimmingCharacters(in: .whitespaces))
            }
            #expect(revokedSerials.contains(serial), "\(serial) in \(crlText.stdout)")
            #expect(crlText.stdout.contains("Key Compromise"), "\(crlText.stdout)")
            let verify = try await ChildProcess.run(
                executable: "/usr/bin/openssl",
                arguments: ["verify", "-crl_check", "-CAfile", rootPath, "-CRLfile", crlPath, caPath],
                workingDirectory: session.work)
            #expect(verify.status != 0 && (verify.stdout + verify.stderr).contains("certificate revoked"), "\(verify)")

            // The revoked intermediate still publishes its own CRL.
            let own = try await Self.json(
                session, ["pca", "crl", "--ca", caID, "--out", session.work + "/ca.crl"])
            #expect(own["revokedCount"] as? Int == 0)

            // The synced leaf's inventory entry says it was revoked, by whom and what to do.
            let after = try await Self.json(session, ["cert", "get", entryID])
            let warning = try #require(
                (after["warnings"] as? [[String: Any]])?.first { $0["code"] as? String == "revoked" })
            let message = try #require(warning["message"] as? String)
            #expect(message.contains(caID) && message.contains("keyCompromise") && message.contains("Replace"))
            let audit = try await session.certctl("audit", "list", "--json")
            #expect(
                audit.stdout.contains("pcaAuthorityRevoked") && audit.stdout.contains("rootNotRevocable"), "\(audit)")
        }
    }
}

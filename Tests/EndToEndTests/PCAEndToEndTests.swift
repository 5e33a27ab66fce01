import CertAPI
import CertCrypto
import CertRPC
import CertTestSupport
import CertWire
import Foundation
import Testing

/// The private CA through the real certd and the real certctl: a tree per algorithm, issuance,
/// revocation and CRLs checked by the openssl CLI, leak-risk flags, and batch sync.
@Suite("private CA end to end")
struct PCAEndToEndTests {
    typealias Session = CertctlTests.Session

    /// Runs certctl with `--json` and returns the parsed document, expecting success.
    static func json(
        _ session: Session, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let result = try await session.certctl(arguments + ["--json"])
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        return try result.json(sourceLocation: sourceLocation)
    }

    static func write(_ text: String, _ name: String, in session: Session) throws -> String {
        let path = session.work + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("root, intermediate, issue, revoke and a CRL openssl verifies", arguments: ["ecp256", "rsa2048", "sm2"])
    func treeIssueRevokeCRL(algorithm: String) async throws {
        try await CertctlTests.withSession { session in
            let regions = try await Self.json(session, ["pca", "region", "list"])
            let regionIDs = (regions["regions"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(regionIDs == ["cn-hangzhou", "cn-beijing", "ap-southeast-1", "eu-central-1"])
            let root = try await Self.json(
                session,
                [
                    "pca", "root", "create", "--region", "ap-southeast-1", "--cn", "E2E Root \(algorithm)",
                    "--algorithm", algorithm, "--path-length", "1",
                ])
            let rootID = try #require(root["id"] as? String)
            let intermediate = try await Self.json(
                session,
                [
                    "pca", "intermediate", "create", "--parent", rootID, "--cn", "E2E Issuing \(algorithm)",
                    "--algorithm", algorithm, "--days", "1000",
                ])
            let caID = try #require(intermediate["id"] as? String)
            #expect(intermediate["region"] as? String == "ap-southeast-1")
            #expect(intermediate["pathLength"] as? Int == 0)
            let listed = try await Self.json(session, ["pca", "intermediate", "list", "--region", "ap-southeast-1"])
            #expect((listed["authorities"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [caID])

            let leaf = try await Self.json(
                session,
                [
                    "pca", "issue", "--ca", caID, "--cn", "svc.internal", "--san", "svc.internal", "--san",
                    "IP:10.0.0.7", "--client-auth", "--server-auth", "--days", "90",
                ])
            let revoked = try await Self.json(session, ["pca", "issue", "--ca", caID, "--cn", "old.internal"])
            let rootPath = try Self.write(try #require(root["certificatePEM"] as? String), "root.pem", in: session)
            let caPath = try Self.write(try #require(intermediate["certificatePEM"] as? String), "ca.pem", in: session)
            let leafPath = try Self.write(try #require(leaf["certificatePEM"] as? String), "leaf.pem", in: session)
            #expect(leaf["sans"] as? [String] == ["DNS:svc.internal", "IP:10.0.0.7"])
            #expect(leaf["status"] as? String == "notSynced" && leaf["hasKey"] as? Bool == true)
            if algorithm == "sm2" {
                // The openssl CLI applies the GM/T ID only to the certificate being verified: check each link.
                for (subject, issuer) in [(leafPath, caPath), (caPath, rootPath)] {
                    let check = try await ChildProcess.run(
                        executable: "/usr/bin/openssl",
                        arguments: [
                            "verify", "-vfyopt", "distid:1234567812345678", "-partial_chain", "-CAfile", issuer,
                            subject,
                        ],
                        workingDirectory: session.work)
                    #expect(check.status == 0, "\(check)")
                }
            } else {
                let verify = try await CertctlOpenSSLFixtures.openssl(
                    ["verify", "-CAfile", rootPath, "-untrusted", caPath, leafPath], in: session.work)
                #expect(verify.contains("OK"))
            }

            let revokedID = try #require(revoked["id"] as? String)
            let revocation = try await Self.json(session, ["pca", "revoke", revokedID, "--reason", "keyCompromise"])
            #expect(revocation["status"] as? String == "revoked")
            #expect(revocation["revocationReason"] as? String == "keyCompromise")
            let again = try await session.certctl("pca", "revoke", revokedID, "--json")
            #expect(again.status == 6 && again.stdout.contains("certificateRevoked"), "\(again)")

            let crl = try await Self.json(session, ["pca", "crl", "--ca", caID, "--out", session.work + "/ca.crl"])
            #expect(crl["revokedCount"] as? Int == 1 && crl["number"] as? Int == 1)
            let crlPEM = try String(contentsOfFile: session.work + "/ca.crl", encoding: .utf8)
            let parsed = try CertificateRevocationList(der: try #require(PEMBlockReader.der(crlPEM)))
            #expect(parsed.revoked.map(\.serialNumberHex) == [try #require(revoked["serialNumber"] as? String)])
            #expect(parsed.revoked.first?.reason == .keyCompromise)
            #expect(parsed.isSigned(by: try Certificate(pem: try #require(intermediate["certificatePEM"] as? String))))
            // SM2 CRLs are signed with the GM/T 0009 ID like SM2 certificates; OpenSSL 3.0's `openssl crl`
            // cannot be given that ID (it verifies with an empty one), so SM2 is checked by CertCrypto above.
            if algorithm != "sm2" {
                let check = try await ChildProcess.run(
                    executable: "/usr/bin/openssl",
                    arguments: ["crl", "-in", session.work + "/ca.crl", "-CAfile", caPath, "-noout"],
                    workingDirectory: session.work)
                #expect(check.stdout.contains("verify OK") || check.stderr.contains("verify OK"), "\(check)")
                // The DER form too, with the revoked leaf refused by a CRL-checked verify.
                _ = try await Self.json(
                    session, ["pca", "crl", "--ca", caID, "--der", "--out", session.work + "/ca.der"])
                let der = try await CertctlOpenSSLFixtures.openssl(
                    ["crl", "-inform", "DER", "-in", session.work + "/ca.der", "-noout", "-text"], in: session.work)
                #expect(der.contains("Key Compromise") && der.contains("X509v3 CRL Number"), "\(der)")
            }
            let statuses = try await Self.json(session, ["pca", "cert", "list", "--ca", caID])
            let byID = Dictionary(
                uniqueKeysWithValues: (statuses["certificates"] as? [[String: Any]] ?? []).map {
                    ($0["id"] as? String ?? "", $0["status"] as? String ?? "")
                })
            #expect(byID == [try #require(leaf["id"] as? String): "notSynced", revokedID: "revoked"])
        }
    }

    @Test("leak risk: --accept-risk for more than a year, flagged on PCA and uploaded private certificates")
    func leakRisk() async throws {
        try await CertctlTests.withSession { session in
            let root = try await Self.json(
                session,
                ["pca", "root", "create", "--region", "cn-hangzhou", "--cn", "Risk Root", "--path-length", "1"])
            let ca = try await Self.json(
                session,
                ["pca", "intermediate", "create", "--parent", try #require(root["id"] as? String), "--cn", "Risk CA"])
            let caID = try #require(ca["id"] as? String)
            // Bad input names what is wrong.
            let badRegion = try await session.certctl(
                "pca", "root", "create", "--region", "mars-1", "--cn", "R", "--json")
            #expect(badRegion.status == 3 && badRegion.stdout.contains("regionUnknown"), "\(badRegion)")
            let fromRoot = try await session.certctl(
                "pca", "issue", "--ca", try #require(root["id"] as? String), "--cn", "x", "--json")
            #expect(fromRoot.status == 6 && fromRoot.stdout.contains("wrongAuthorityKind"), "\(fromRoot)")
            let unknownCA = try await session.certctl("pca", "cert", "list", "--ca", "pca-0000000000000000", "--json")
            #expect(unknownCA.status == 4 && unknownCA.stdout.contains("notFound"), "\(unknownCA)")
            let noIDs = try await session.certctl("pca", "sync", "--ca", caID)
            #expect(noIDs.status == 2, "\(noIDs)")
            try await EndToEnd.withClient(session.certd) { client in
                let pca = PrivateCAService.Client(transport: client)
                let both = await #expect(throws: RPCError.self) {
                    try await pca.syncCertificates(SyncPCACertificatesRequest(caID: caID, ids: ["x"], all: true))
                }
                #expect(both?.status == .invalidArgument && both?.message.contains("ids") == true)
            }
            let refused = try await session.certctl(
                "pca", "issue", "--ca", caID, "--cn", "long.internal", "--days", "400", "--json")
            #expect(refused.status == 6, "\(refused)")
            let error = try refused.json()["error"] as? [String: Any]
            #expect(error?["reason"] as? String == "leakRiskNotAccepted")
            let accepted = try await Self.json(
                session, ["pca", "issue", "--ca", caID, "--cn", "long.internal", "--days", "400", "--accept-risk"])
            #expect(accepted["riskAccepted"] as? Bool == true)
            let warnings = accepted["warnings"] as? [[String: Any]]
            #expect(warnings?.first?["code"] as? String == "leakRisk")
            let id = try #require(accepted["id"] as? String)
            let synced = try await Self.json(session, ["pca", "sync", "--ca", caID, "--ids", id])
            let entryID = try #require((synced["items"] as? [[String: Any]])?.first?["inventoryID"] as? String)
            let entry = try await Self.json(session, ["cert", "get", entryID])
            #expect((entry["warnings"] as? [[String: Any]])?.contains { $0["code"] as? String == "leakRisk" } == true)
            #expect(entry["source"] as? String == "pca")
            let audit = try await session.certctl("audit", "list", "--json")
            #expect(audit.stdout.contains("riskAccepted"), "\(audit)")

            // Uploaded: a 400-day leaf of a private root is flagged; the fixtures' 200-day leaf is not.
            let dir = session.work
            try await CertctlOpenSSLFixtures.openssl(
                [
                    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                    "long-key.pem", "-out", "long.pem", "-subj", "/CN=long.upload.internal", "-days", "400",
                ], in: dir)
            let long = try await Self.json(
                session,
                ["cert", "upload", "--name", "long", "--cert", dir + "/long.pem", "--key", dir + "/long-key.pem"])
            let longID = try #require(
                (long["certificate"] as? [String: Any])?["id"] as? String ?? long["id"] as? String)
            let longEntry = try await Self.json(session, ["cert", "get", longID])
            #expect(
                (longEntry["warnings"] as? [[String: Any]])?.contains { $0["code"] as? String == "leakRisk" } == true)
            let short = try await Self.json(
                session,
                [
                    "cert", "upload", "--name", "short", "--cert", session.fixtures.leafCertificate, "--key",
                    session.fixtures.leafKey, "--chain", session.fixtures.rootCertificate,
                ])
            let shortID = try #require(
                (short["certificate"] as? [String: Any])?["id"] as? String ?? short["id"] as? String)
            let shortEntry = try await Self.json(session, ["cert", "get", shortID])
            #expect(
                (shortEntry["warnings"] as? [[String: Any]] ?? []).allSatisfy { $0["code"] as? String != "leakRisk" })
        }
    }

    @Test("batch sync of 1,000 with bad ids mixed in, idempotent, through certctl")
    func batchSync() async throws {
        try await CertctlTests.withSession { session in
            let count = 1000
            // Issued over one connection with the generated client (1,000 certctl processes would only
            // measure process start-up); the sync itself goes through certctl.
            let (caID, ids) = try await EndToEnd.withClient(session.certd) { client in
                let pca = PrivateCAService.Client(transport: client)
                let root = try await pca.createRoot(
                    CreatePCARootRequest(region: "eu-central-1", commonName: "Batch Root", pathLength: 1))
                let ca = try await pca.createIntermediate(
                    CreatePCAIntermediateRequest(parentID: root.id, commonName: "Batch CA"))
                var ids: [String] = []
                for start in stride(from: 0, to: count, by: 16) {
                    ids += try await withThrowingTaskGroup(of: String.self) { group in
                        for index in start..<min(start + 16, count) {
                            group.addTask {
                                try await pca.issueCertificate(
                                    IssuePCACertificateRequest(
                                        caID: ca.id, commonName: "h\(index).batch.internal", validityDays: 30)
                                ).id
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                }
                for id in ids.prefix(3) {
                    _ = try await pca.revokeCertificate(RevokePCACertificateRequest(id: id, reason: .superseded))
                }
                return (ca.id, ids)
            }
            let unknown = "pcacert-ffffffffffffffff"
            let sync = try await Self.json(session, ["pca", "sync", "--ca", caID, "--ids"] + ids + [unknown])
            #expect(sync["syncedCount"] as? Int == count - 3)
            #expect(sync["failedCount"] as? Int == 4)
            let items = sync["items"] as? [[String: Any]] ?? []
            #expect(items.count == count + 1)
            let failures = Dictionary(
                uniqueKeysWithValues: items.filter { $0["result"] as? String == "failed" }.map {
                    ($0["id"] as? String ?? "", $0["reason"] as? String ?? "")
                })
            #expect(failures[unknown] == "notFound")
            #expect(ids.prefix(3).allSatisfy { failures[$0] == "certificateRevoked" })
            // Idempotent: nothing is left for --all, and explicit ids answer alreadySynced.
            let all = try await Self.json(session, ["pca", "sync", "--ca", caID, "--all"])
            #expect(all["syncedCount"] as? Int == 0 && (all["items"] as? [Any])?.isEmpty == true)
            let again = try await Self.json(session, ["pca", "sync", "--ca", caID, "--ids"] + Array(ids.suffix(5)))
            #expect(again["alreadySyncedCount"] as? Int == 5 && again["syncedCount"] as? Int == 0)
            let summary = try await Self.json(session, ["cert", "summary"])
            #expect(summary["total"] as? Int == count - 3, "\(summary)")
            let uploaded = try await Self.json(session, ["pca", "cert", "list", "--ca", caID, "--status", "uploaded"])
            #expect((uploaded["certificates"] as? [Any])?.count == count - 3)
        }
    }
}

/// Reads the DER of the first PEM block of a text (test-local: CertCrypto's scanner is internal).
enum PEMBlockReader {
    static func der(_ pem: String) -> [UInt8]? {
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Data(base64Encoded: body).map { [UInt8]($0) }
    }
}

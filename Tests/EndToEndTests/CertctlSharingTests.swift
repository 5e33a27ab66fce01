import CertAPI
import CertCrypto
import CertRPC
import CertTestSupport
import CertWire
import Foundation
import Testing

/// Official certificates and sharing (issue 6) through the real certd and certctl, with accounts of
/// different identities and sites created by the admin.
@Suite("certctl official certificates and sharing")
struct CertctlSharingTests {
    /// An account's certctl environment, from `certctl account credentials`.
    struct Account {
        let id: String
        let environment: [String: String]
        let directory: String

        func certctl(_ arguments: String..., in work: String) async throws -> CertctlProcess.Result {
            try await CertctlProcess.run(arguments, environment: self.environment, workingDirectory: work)
        }
    }

    /// Creates an account with the admin credentials and, when `credentials`, issues its client files.
    static func makeAccount(
        _ session: CertctlTests.Session, id: String, identity: String, site: String, verified: Bool = true,
        person: Bool = false, credentials: Bool = false
    ) async throws -> Account? {
        var arguments = ["account", "create", "--id", id, "--name", id, "--identity", identity, "--site", site]
        if verified { arguments.append("--verified") }
        if person { arguments.append("--person") }
        let create = try await session.certctl(arguments)
        #expect(create.status == 0, "\(create)")
        guard credentials else { return nil }
        let directory = session.work + "/" + id
        let issued = try await session.certctl("account", "credentials", id, "--out", directory)
        #expect(issued.status == 0, "\(issued)")
        let environment = session.environment.merging([
            "CERTD_CERT": directory + "/cert.pem", "CERTD_KEY": directory + "/key.pem",
            "CERTD_CA": directory + "/ca.pem",
        ]) { $1 }
        return Account(id: id, environment: environment, directory: directory)
    }

    /// The `reason` of a `--json` failure document.
    static func reason(_ result: CertctlProcess.Result) throws -> String? {
        (try result.json()["error"] as? [String: Any])?["reason"] as? String
    }

    @Test("order, share, recipient view, API download refused, renewal, unshare, delete, every refusal audited")
    func sharingLifecycle() async throws {
        try await CertctlTests.withSession { session in
            let work = session.work
            let owner = try #require(
                try await Self.makeAccount(
                    session, id: "acme-a", identity: "Acme Ltd", site: "international", credentials: true))
            let recipient = try #require(
                try await Self.makeAccount(
                    session, id: "acme-b", identity: "Acme Ltd", site: "international", credentials: true))
            _ = try await Self.makeAccount(session, id: "other", identity: "Other Ltd", site: "international")
            _ = try await Self.makeAccount(session, id: "acme-cn", identity: "Acme Ltd", site: "china")
            _ = try await Self.makeAccount(
                session, id: "acme-unverified", identity: "Acme Ltd", site: "international", verified: false)
            _ = try await Self.makeAccount(
                session, id: "acme-person", identity: "Acme Ltd", site: "international", person: true)

            // Order: issued at once, official, with the requested domains.
            let order = try await owner.certctl(
                "cert", "order", "--json", "--domain", "shop.e2e.test", "--domain", "www.shop.e2e.test", "--algorithm",
                "rsa2048", "--days", "30", in: work)
            #expect(order.status == 0, "\(order)")
            let ordered = try order.json()
            let id = try #require(ordered["id"] as? String)
            #expect(ordered["source"] as? String == "official")
            #expect(ordered["sans"] as? [String] == ["shop.e2e.test", "www.shop.e2e.test"])
            #expect(ordered["hasKey"] as? Bool == true)
            #expect(ordered["keySize"] as? Int == 2048)
            let originalFingerprint = try #require(ordered["fingerprintSHA256"] as? String)

            // Share it with the same identity on the same site.
            let share = try await owner.certctl("cert", "share", id, "--to", "acme-b", "--json", in: work)
            #expect(share.status == 0, "\(share)")
            let copyID = try #require(try share.json()["recipientCertificateID"] as? String)

            // The recipient lists and gets it, with the owner named.
            let list = try await recipient.certctl("cert", "list", "--json", in: work)
            let items = try #require(try list.json()["certificates"] as? [[String: Any]])
            #expect(items.compactMap { $0["id"] as? String } == [copyID])
            #expect(items.first?["source"] as? String == "shared")
            #expect((items.first?["sharedBy"] as? [String: Any])?["ownerAccountID"] as? String == "acme-a")
            let get = try await recipient.certctl("cert", "get", copyID, "--json", in: work)
            #expect(get.status == 0, "\(get)")
            let copy = try get.json()
            #expect(copy["hasKey"] as? Bool == false)
            let sharedBy = try #require(copy["sharedBy"] as? [String: Any])
            #expect(sharedBy["ownerAccountID"] as? String == "acme-a")
            #expect(sharedBy["certificateID"] as? String == id)
            #expect(copy["fingerprintSHA256"] as? String == originalFingerprint)
            // The owner sees with whom and since when.
            let ownerView = try await owner.certctl("cert", "get", id, "--json", in: work).json()
            let shared = try #require(ownerView["shared"] as? [[String: Any]])
            #expect(shared.first?["recipientAccountID"] as? String == "acme-b")
            #expect((shared.first?["sharedAt"] as? String)?.isEmpty == false)
            let shares = try await owner.certctl("cert", "shares", id, "--json", in: work)
            #expect((try shares.json()["shares"] as? [Any])?.count == 1)

            // Download refused to the recipient: by certctl and through the API's generated client.
            let download = try await recipient.certctl(
                "cert", "download", copyID, "--out", work + "/stolen", "--json", in: work)
            #expect(download.status == 5, "\(download)")
            #expect(try Self.reason(download) == "downloadForbidden")
            #expect(!FileManager.default.fileExists(atPath: work + "/stolen/privkey.pem"))
            let recipientTLS = session.certd.clientTLS(
                certificatePEM: try String(contentsOfFile: recipient.directory + "/cert.pem", encoding: .utf8),
                privateKeyPEM: try String(contentsOfFile: recipient.directory + "/key.pem", encoding: .utf8))
            try await EndToEnd.withClient(session.certd, tls: recipientTLS) { client in
                let certificates = CertificatesService.Client(transport: client)
                do {
                    _ = try await certificates.downloadCertificate(DownloadCertificateRequest(id: copyID))
                    Issue.record("the API handed a shared certificate to its recipient")
                } catch let error as RPCError {
                    #expect(error.status == .permissionDenied)
                    #expect(error.reason == "downloadForbidden")
                }
                do {
                    _ = try await certificates.updateCertificate(UpdateCertificateRequest(id: copyID, name: "mine"))
                    Issue.record("the recipient renamed a shared certificate")
                } catch let error as RPCError {
                    #expect(error.reason == "sharedReadOnly")
                }
            }

            // Renewal reaches the recipient.
            let renew = try await owner.certctl("cert", "renew", id, "--json", in: work)
            #expect(renew.status == 0, "\(renew)")
            let renewed = try renew.json()
            #expect(renewed["id"] as? String == id)
            let newFingerprint = try #require(renewed["fingerprintSHA256"] as? String)
            #expect(newFingerprint != originalFingerprint)
            let copyAfter = try await recipient.certctl("cert", "get", copyID, "--json", in: work).json()
            #expect(copyAfter["fingerprintSHA256"] as? String == newFingerprint)

            // Every refusal, each with its own reason.
            let second = try await owner.certctl("cert", "order", "--json", "--domain", "api.e2e.test", in: work)
            let secondID = try #require(try second.json()["id"] as? String)
            let gm = try await owner.certctl(
                "cert", "order", "--json", "--domain", "gm.e2e.test", "--algorithm", "sm2", in: work)
            #expect(gm.status == 0, "\(gm)")
            #expect(try gm.json()["algorithm"] as? String == "sm2")
            #expect(try gm.json()["keyAlgorithm"] as? String == "SM2")
            let upload = try await owner.certctl(
                "cert", "upload", "--json", "--name", "uploaded", "--cert", session.fixtures.leafCertificate,
                "--key", session.fixtures.leafKey, in: work)
            let uploadedID = try #require(try upload.json()["id"] as? String)
            let refusals: [(Account, String, String, String, Int32)] = [
                (owner, id, "acme-b", "alreadyShared", 6),
                (owner, secondID, "other", "identityMismatch", 6),
                (owner, secondID, "acme-person", "identityMismatch", 6),
                (owner, secondID, "acme-cn", "siteMismatch", 6),
                (owner, secondID, "acme-unverified", "identityNotVerified", 6),
                (owner, uploadedID, "acme-b", "notShareable", 6),
                (recipient, copyID, "acme-a", "reshareForbidden", 5),
            ]
            for (account, certificate, to, reason, status) in refusals {
                let refused = try await account.certctl("cert", "share", certificate, "--to", to, "--json", in: work)
                #expect(refused.status == status, "\(reason): \(refused)")
                #expect(try Self.reason(refused) == reason, "\(refused)")
            }
            let renewUploaded = try await owner.certctl("cert", "renew", uploadedID, "--json", in: work)
            #expect(try Self.reason(renewUploaded) == "renewalUnsupported")
            #expect(renewUploaded.stderr.contains("certctl cert replace"), "\(renewUploaded)")

            // Unshare: the recipient's entry goes.
            let unshare = try await owner.certctl("cert", "unshare", id, "--json", in: work)
            #expect(unshare.status == 0, "\(unshare)")
            let emptied = try await recipient.certctl("cert", "list", "--json", in: work)
            #expect((try emptied.json()["certificates"] as? [Any])?.isEmpty == true)

            // Deleting the original ends a share.
            let again = try await owner.certctl("cert", "share", id, "--to", "acme-b", "--json", in: work)
            let againCopy = try #require(try again.json()["recipientCertificateID"] as? String)
            let delete = try await owner.certctl("cert", "delete", id, "--yes", in: work)
            #expect(delete.status == 0, "\(delete)")
            let gone = try await recipient.certctl("cert", "get", againCopy, "--json", in: work)
            #expect(gone.status == 4, "\(gone)")

            // The audit log holds shares, refusals with their reasons, the revocation and the end.
            let audit = try await session.certctl("audit", "list", "--json", "--all")
            let events = try #require(try audit.json()["events"] as? [[String: Any]])
            let refusedReasons = Set(
                events.filter {
                    $0["action"] as? String == "certificateShared" && $0["outcome"] as? String == "failure"
                }
                .compactMap { $0["failureReason"] as? String })
            #expect(
                refusedReasons == [
                    "alreadyShared", "identityMismatch", "siteMismatch", "identityNotVerified", "notShareable",
                    "reshareForbidden",
                ])
            let actions = Set(events.compactMap { $0["action"] as? String })
            for action in [
                "certificateOrdered", "certificateRenewed", "certificateShared", "certificateUnshared", "shareEnded",
            ] {
                #expect(actions.contains(action), "no \(action) in the audit log")
            }
            let keyDownloads = events.filter { $0["action"] as? String == "keyDownloaded" }
            #expect(keyDownloads.contains { $0["failureReason"] as? String == "downloadForbidden" })
        }
    }
}

/// An operator-provided official CA (`--official-ca`/`--official-ca-key`) issues the orders.
@Suite("certd official CA configuration")
struct OfficialCAConfigurationEndToEndTests {
    @Test("orders are signed by the configured official CA")
    func configuredOfficialCA() async throws {
        try await withTemporaryDirectory(prefix: "certd-official") { parent in
            try OpenSSLProviders.loadOnce()
            let key = try PrivateKey.generate(.p384)
            let ca = try CertificateAuthority.makeRoot(
                subject: DistinguishedName(commonName: "Operator Official CA", organization: "Operator"), key: key,
                validity: Validity.days(365, from: Date()), pathLength: 0)
            let caFile = parent + "/official.pem"
            let keyFile = parent + "/official-key.pem"
            try ca.certificate.pem.write(toFile: caFile, atomically: true, encoding: .utf8)
            try key.pkcs8PEM().write(toFile: keyFile, atomically: true, encoding: .utf8)
            let certd = try await RunningCertd.start(
                dataDirectory: parent + "/data", arguments: ["--official-ca", caFile, "--official-ca-key", keyFile])
            do {
                try await EndToEnd.withClient(certd) { client in
                    let entry = try await OfficialService.Client(transport: client).order(
                        OrderOfficialCertificateRequest(domains: ["op.e2e.test"], validityDays: 10))
                    #expect(entry.source == .official)
                    #expect(entry.details.issuer.contains("Operator Official CA"))
                    #expect(entry.details.sans == ["op.e2e.test"])
                }
            } catch {
                await certd.stop()
                throw error
            }
            #expect(await certd.stop() == 0)
        }
        // A key that is not the CA's stops certd before it serves.
        try await withTemporaryDirectory(prefix: "certd-official-bad") { parent in
            let ca = try CertificateAuthority.makeRoot(
                subject: DistinguishedName(commonName: "Operator Official CA"), key: try PrivateKey.generate(.p256),
                validity: Validity.days(365, from: Date()))
            try ca.certificate.pem.write(toFile: parent + "/ca.pem", atomically: true, encoding: .utf8)
            try PrivateKey.generate(.p256).pkcs8PEM().write(
                toFile: parent + "/key.pem", atomically: true, encoding: .utf8)
            do {
                let certd = try await RunningCertd.start(
                    dataDirectory: parent + "/data",
                    arguments: ["--official-ca", parent + "/ca.pem", "--official-ca-key", parent + "/key.pem"])
                await certd.stop()
                Issue.record("certd served with an official CA key that is not the CA's")
            } catch {
                #expect("\(error)".contains("official CA"), "\(error)")
            }
        }
    }
}

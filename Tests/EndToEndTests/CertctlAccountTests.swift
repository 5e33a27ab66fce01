import CertTestSupport
import Foundation
import Testing

/// certctl's account, CSR, SM2 and audit commands as a subprocess against a real certd.
@Suite("certctl accounts, CSRs and audit")
struct CertctlAccountTests {
    @Test("account create and credentials; the issued files authenticate as the new account")
    func accountCredentials() async throws {
        try await CertctlTests.withSession { session in
            let create = try await session.certctl(
                "account", "create", "--json", "--id", "acme", "--name", "Acme", "--identity", "Acme Ltd",
                "--verified", "--site", "china")
            #expect(create.status == 0, "\(create)")
            let account = try create.json()
            #expect(account["id"] as? String == "acme")
            #expect(account["site"] as? String == "china")
            #expect(account["role"] as? String == "user")

            let again = try await session.certctl(
                "account", "create", "--id", "acme", "--name", "Acme", "--identity", "Acme Ltd", "--site", "china")
            #expect(again.status == 6, "\(again)")

            let out = session.work + "/acme"
            let credentials = try await session.certctl("account", "credentials", "acme", "--out", out)
            #expect(credentials.status == 0, "\(credentials)")
            #expect(try CertctlTests.mode(of: out + "/key.pem") == 0o600)
            #expect(credentials.stdout.contains("CERTD_CERT=\(out)/cert.pem CERTD_KEY=\(out)/key.pem"))

            // The admin's upload is invisible to acme, whose credentials authenticate as acme.
            let upload = try await session.certctl(
                "cert", "upload", "--json", "--name", "admin-web", "--cert", session.fixtures.leafCertificate,
                "--key", session.fixtures.leafKey)
            let adminEntry = try #require(try upload.json()["id"] as? String)
            let asAcme = session.environment.merging([
                "CERTD_CERT": out + "/cert.pem", "CERTD_KEY": out + "/key.pem", "CERTD_CA": out + "/ca.pem",
            ]) { $1 }
            let whoami = try await CertctlProcess.run(
                ["account", "whoami", "--json"], environment: asAcme, workingDirectory: session.work)
            #expect(whoami.status == 0, "\(whoami)")
            #expect(try whoami.json()["id"] as? String == "acme")
            let hidden = try await CertctlProcess.run(
                ["cert", "get", adminEntry], environment: asAcme, workingDirectory: session.work)
            #expect(hidden.status == 4, "\(hidden)")
            let userList = try await CertctlProcess.run(
                ["cert", "list", "--json"], environment: asAcme, workingDirectory: session.work)
            #expect((try userList.json()["certificates"] as? [Any])?.isEmpty == true)
            // Creating accounts is for admins.
            let denied = try await CertctlProcess.run(
                ["account", "create", "--id", "x", "--name", "X", "--identity", "X", "--site", "china"],
                environment: asAcme, workingDirectory: session.work)
            #expect(denied.status == 5, "\(denied)")

            let accounts = try await session.certctl("account", "list", "--json")
            let ids = (try accounts.json()["accounts"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids?.contains("acme") == true)
        }
    }

    @Test("csr create, list, get and delete; SM2 upload; audit list and verify")
    func csrsSM2AndAudit() async throws {
        try await CertctlTests.withSession { session in
            let create = try await session.certctl(
                "csr", "create", "--json", "--cn", "api.certctl.test", "--san", "api.certctl.test", "--algorithm",
                "rsa2048")
            #expect(create.status == 0, "\(create)")
            let csr = try create.json()
            let csrID = try #require(csr["id"] as? String)
            #expect(csr["commonName"] as? String == "api.certctl.test")
            #expect(csr["keyAlgorithm"] as? String == "RSA")
            #expect((csr["csrPEM"] as? String)?.contains("BEGIN CERTIFICATE REQUEST") == true)

            let list = try await session.certctl("csr", "list")
            #expect(list.status == 0 && list.stdout.contains(csrID), "\(list)")
            let get = try await session.certctl("csr", "get", csrID, "--json")
            #expect(try get.json()["id"] as? String == csrID)
            let delete = try await session.certctl("csr", "delete", csrID, "--yes")
            #expect(delete.status == 0, "\(delete)")
            #expect(try await session.certctl("csr", "get", csrID).status == 4)

            // SM2 dual certificates made by openssl: signing and encryption pairs.
            let work = session.work
            for (name, usage) in [("sign", "digitalSignature"), ("enc", "keyEncipherment,dataEncipherment")] {
                try await CertctlOpenSSLFixtures.openssl(
                    ["genpkey", "-algorithm", "SM2", "-out", "sm2-\(name)-key.pem"], in: work)
                try await CertctlOpenSSLFixtures.openssl(
                    [
                        "req", "-x509", "-new", "-key", "sm2-\(name)-key.pem", "-sm3", "-subj",
                        "/CN=sm2-\(name).certctl.test", "-days", "100", "-addext", "keyUsage=critical,\(usage)",
                        "-out", "sm2-\(name).pem",
                    ], in: work)
            }
            let sm2 = try await session.certctl(
                "cert", "upload", "--json", "--sm2", "--name", "gm", "--cert", "sm2-sign.pem", "--key",
                "sm2-sign-key.pem", "--enc-cert", "sm2-enc.pem", "--enc-key", "sm2-enc-key.pem")
            #expect(sm2.status == 0, "\(sm2)")
            let entry = try sm2.json()
            #expect(entry["algorithm"] as? String == "sm2")
            #expect(entry["keyAlgorithm"] as? String == "SM2")
            #expect(
                (entry["encryptionCertificate"] as? [String: Any])?["commonName"] as? String == "sm2-enc.certctl.test")

            let audit = try await session.certctl("audit", "list", "--json", "--all")
            #expect(audit.status == 0, "\(audit)")
            let actions = (try audit.json()["events"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(actions.contains("certificateUploaded"))
            let verify = try await session.certctl("audit", "verify", "--json")
            #expect(verify.status == 0, "\(verify)")
            #expect(try verify.json()["intact"] as? Bool == true)
        }
    }
}

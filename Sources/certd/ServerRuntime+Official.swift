import CertCrypto
import CertDomain
import CertServer
import Foundation
import Logging

extension ServerRuntime {
    /// The official issuers (issue 6): for RSA/EC, the operator's CA when `official-ca`/`official-ca-key`
    /// are configured, else the default official CA kept sealed in the store (created on first use);
    /// for SM2, always the default official SM2 CA in the store.
    /// - Parameters:
    ///   - store: the open store.
    ///   - clock: the wall clock.
    ///   - sealer: seals and opens the default CA's key.
    /// - Returns: the RSA/EC issuer and the SM2 issuer.
    /// - Throws: ``StartupError/unreadableFile(path:reason:)`` for a configured file that cannot be read,
    ///   ``StartupError/officialIssuerUnavailable(source:reason:)`` when the CA is unusable.
    func officialIssuers(store: any InventoryStore, clock: any WallClock, sealer: Sealer) async throws(StartupError)
        -> (issuer: OfficialIssuer, sm2: OfficialIssuer)
    {
        let sm2 = try await self.defaultOfficialIssuer(store: store, clock: clock, sealer: sealer, sm2: true)
        if let certificateFile = self.configuration.officialCAFile,
            let keyFile = self.configuration.officialCAKeyFile
        {
            guard let certificate = FileManager.default.contents(atPath: certificateFile) else {
                throw .unreadableFile(path: certificateFile, reason: "cannot open the file")
            }
            guard let key = FileManager.default.contents(atPath: keyFile) else {
                throw .unreadableFile(path: keyFile, reason: "cannot open the file")
            }
            do throws(DomainError) {
                return (try OfficialIssuer(certificatePEM: Array(certificate), keyPEM: Array(key)), sm2)
            } catch {
                throw .officialIssuerUnavailable(source: certificateFile, reason: error.message)
            }
        }
        return (try await self.defaultOfficialIssuer(store: store, clock: clock, sealer: sealer, sm2: false), sm2)
    }

    private func defaultOfficialIssuer(store: any InventoryStore, clock: any WallClock, sealer: Sealer, sm2: Bool)
        async throws(StartupError) -> OfficialIssuer
    {
        do throws(DomainError) {
            let (issuer, wasCreated) = try await OfficialIssuer.loadOrCreateDefault(
                store: store, clock: clock, sealer: sealer, sm2: sm2)
            if wasCreated {
                self.logger.notice(
                    "created the default official CA",
                    metadata: ["subject": "\(issuer.authority.certificate.subject)"])
            }
            return issuer
        } catch {
            throw .officialIssuerUnavailable(source: "the store's default official CA", reason: error.message)
        }
    }
}

import CertAPI
import CertServer
import CertWire
import Testing

@Suite struct AuditHealthEchoTests {
    @Test func auditListsMutationsNewestFirstAndVerifies() async throws {
        let fixture = try await ServerFixture()
        let uploaded = try await fixture.upload(name: "audited")
        _ = try await fixture.call(
            CertificatesService.Method.deleteCertificate, DeleteCertificateRequest(id: uploaded.certificate.id),
            returning: DeleteCertificateResponse.self)
        let mine: ListAuditResponse = try await fixture.call(AuditService.Method.listAudit, ListAuditRequest())
        #expect(mine.events.map(\.action).prefix(2) == ["certificateDeleted", "certificateUploaded"])
        #expect(mine.events.allSatisfy { $0.actor == "alice" })
        #expect(mine.events.first?.outcome == "success")
        #expect(mine.events.first?.hash.count == 64)

        let all: ListAuditResponse = try await fixture.call(
            AuditService.Method.listAudit, ListAuditRequest(limit: 2), as: ServerFixture.adminFingerprint)
        #expect(all.events.count == 2)
        let older: ListAuditResponse = try await fixture.call(
            AuditService.Method.listAudit, ListAuditRequest(limit: 100, pageToken: all.nextPageToken),
            as: ServerFixture.adminFingerprint)
        #expect(older.events.contains { $0.action == "accountCreated" })
        #expect(Set(older.events.map(\.sequence)).isDisjoint(with: all.events.map(\.sequence)))

        let verified: VerifyAuditResponse = try await fixture.call(
            AuditService.Method.verifyAudit, VerifyAuditRequest(), as: ServerFixture.adminFingerprint)
        #expect(verified.intact)
        #expect(verified.eventsChecked == UInt64(all.events.count + older.events.count))

        let successes: ListAuditResponse = try await fixture.call(
            AuditService.Method.listAudit, ListAuditRequest(outcome: "success"), as: ServerFixture.adminFingerprint)
        #expect(successes.events.count == all.events.count + older.events.count)
        _ = await fixture.failure(
            CertificatesService.Method.deleteCertificate, DeleteCertificateRequest(id: uploaded.certificate.id))
        let failures: ListAuditResponse = try await fixture.call(
            AuditService.Method.listAudit, ListAuditRequest(outcome: "failure"), as: ServerFixture.adminFingerprint)
        #expect(failures.events.map(\.action) == ["certificateDeleted"])
        #expect(failures.events.first?.failureReason == "notFound")

        let badAction = await fixture.failure(AuditService.Method.listAudit, ListAuditRequest(action: "explode"))
        #expect(badAction?.status == .invalidArgument)
    }

    @Test func healthNeedsNoAccountAndReportsDraining() async throws {
        let fixture = try await ServerFixture()
        let serving: HealthCheckResponse = try await fixture.call(
            HealthService.Method.check, HealthCheckRequest(), as: nil)
        #expect(serving.status == .serving)
        #expect(serving.version == "9.9.9-test")
        fixture.health.markDraining()
        let draining: HealthCheckResponse = try await fixture.call(
            HealthService.Method.check, HealthCheckRequest(), as: nil)
        #expect(draining.status == .notServing)
    }

    @Test func echoReturnsTheRequestedSize() async throws {
        let fixture = try await ServerFixture()
        let sized: EchoResponse = try await fixture.call(
            EchoService.Method.echo, EchoRequest(payload: [UInt8](repeating: 1, count: 64), responseSize: 2048),
            as: nil)
        #expect(sized.payload.count == 2048)
        let odd: EchoResponse = try await fixture.call(
            EchoService.Method.echo, EchoRequest(responseSize: 17), as: nil)
        #expect(odd.payload.count == 17)
        let echoed: EchoResponse = try await fixture.call(
            EchoService.Method.echo, EchoRequest(payload: [1, 2, 3]), as: nil)
        #expect(echoed.payload == [1, 2, 3])
        let huge = await fixture.failure(
            EchoService.Method.echo, EchoRequest(responseSize: UInt32(EchoHandler.maximumResponseSize + 1)), as: nil)
        #expect(huge?.reason == "tooLarge")
    }

    @Test func everyServiceIsServedOnce() async throws {
        let fixture = try await ServerFixture()
        let ids = fixture.services.flatMap { $0.methods.map(\.id) }
        #expect(Set(ids).count == ids.count)
        for method in AccountsService.methods + CertificatesService.methods + CSRsService.methods
            + ToolsService.methods + AuditService.methods + HealthService.methods + EchoService.methods
        {
            #expect(ids.contains(method.id), "\(method)")
        }
    }
}

import CertAPI
import Foundation

/// The human forms of private CAs and their certificates, and the calls several `pca` commands share.
///
/// Isolation: a namespace; runs on the calling command's task.
enum PCAText {
    /// Prints one CA as a block (text) or ``PCAAuthorityJSON``.
    static func printAuthority(_ authority: PCAAuthority, json: Bool) throws(CertctlError) {
        if json {
            try Console.printJSON(PCAAuthorityJSON(authority))
            return
        }
        var block = KeyValueBlock()
        block.add("id", authority.id)
        block.add("kind", authority.kind.jsonName)
        block.add("region", authority.region)
        block.add("parent", authority.parentID ?? "")
        block.add("subject", authority.subject)
        block.add("key", authority.keyType.jsonName)
        block.add("path length", authority.pathLength.map { "\($0)" } ?? "unlimited")
        block.add("serial", authority.serialNumber)
        block.add("not before", authority.notBefore.iso8601)
        block.add("not after", authority.notAfter.iso8601)
        block.add("status", authority.status.jsonName)
        if authority.status == .revoked {
            block.add("revoked", "\(authority.revokedAt?.iso8601 ?? "") (\(authority.revocationReason.jsonName))")
        }
        Console.print(block.render())
    }

    /// Lists the caller's CAs of one kind.
    static func listAuthorities(_ options: GlobalOptions, region: String?, kind: PCAKind) async throws {
        let request = ListPCAAuthoritiesRequest(region: region ?? "", kind: kind)
        let response = try await CertdConnection.with(options) { connection in
            try await connection.privateCA.listAuthorities(request, options: connection.callOptions)
        }
        if options.json {
            /// The JSON of `pca root|intermediate list`.
            struct ListJSON: Encodable {
                var authorities: [PCAAuthorityJSON]
            }
            try Console.printJSON(ListJSON(authorities: response.authorities.map(PCAAuthorityJSON.init)))
            return
        }
        guard !response.authorities.isEmpty else {
            Console.print("no \(kind.jsonName) CAs")
            return
        }
        var table = TextTable(
            headers: ["id", "region", "common name", "key", "parent", "path len", "not after", "status"])
        for authority in response.authorities {
            table.rows.append([
                authority.id, authority.region, authority.commonName, authority.keyType.jsonName,
                authority.parentID ?? "", authority.pathLength.map { "\($0)" } ?? "-", authority.notAfter.day,
                authority.status.jsonName,
            ])
        }
        Console.print(table.render())
    }

    /// Prints one certificate as a block with its PEM (text) or ``PCACertificateJSON``.
    static func printCertificate(_ certificate: PCAIssuedCertificate, json: Bool) throws(CertctlError) {
        if json {
            try Console.printJSON(PCACertificateJSON(certificate))
            return
        }
        var block = KeyValueBlock()
        block.add("id", certificate.id)
        block.add("ca", certificate.caID)
        block.add("subject", certificate.subject)
        block.add("sans", certificate.sans.joined(separator: ", "))
        block.add("usage", Self.usage(certificate))
        block.add("key", certificate.keyAlgorithm + (certificate.hasKey ? " (held by certd)" : " (requester's)"))
        block.add("serial", certificate.serialNumber)
        block.add("not after", certificate.notAfter.iso8601)
        block.add("status", certificate.status.jsonName)
        block.add("inventory entry", certificate.inventoryID ?? "")
        if certificate.status == .revoked {
            block.add("revoked", "\(certificate.revokedAt?.iso8601 ?? "") (\(certificate.revocationReason.jsonName))")
        }
        for warning in certificate.warnings {
            block.add("warning", "\(warning.code): \(warning.message)")
        }
        let pem =
            certificate.certificatePEM.hasSuffix("\n")
            ? String(certificate.certificatePEM.dropLast()) : certificate.certificatePEM
        Console.print(block.render() + (pem.isEmpty ? "" : "\n" + pem))
    }

    /// The table of `pca cert list`.
    static func table(_ certificates: [PCAIssuedCertificate]) -> String {
        var table = TextTable(headers: ["id", "common name", "status", "usage", "not after", "inventory", "warnings"])
        for certificate in certificates {
            table.rows.append([
                certificate.id, certificate.commonName, certificate.status.jsonName, Self.usage(certificate),
                certificate.notAfter.day, certificate.inventoryID ?? "",
                certificate.warnings.map(\.code).joined(separator: ","),
            ])
        }
        return table.render()
    }

    static func usage(_ certificate: PCAIssuedCertificate) -> String {
        [certificate.serverAuth ? "serverAuth" : nil, certificate.clientAuth ? "clientAuth" : nil]
            .compactMap { $0 }.joined(separator: ",")
    }

    /// Every certificate of a CA (all pages), on a new connection.
    static func allCertificates(_ options: GlobalOptions, caID: String, status: PCACertificateStatus?) async throws
        -> [PCAIssuedCertificate]
    {
        try await CertdConnection.with(options) { connection in
            try await Self.allCertificates(connection, caID: caID, status: status)
        }
    }

    /// Every certificate of a CA (all pages).
    static func allCertificates(_ connection: CertdConnection, caID: String, status: PCACertificateStatus?)
        async throws -> [PCAIssuedCertificate]
    {
        var certificates: [PCAIssuedCertificate] = []
        var token = ""
        repeat {
            let page = try await connection.privateCA.listCertificates(
                ListPCACertificatesRequest(
                    caID: caID, status: status ?? .pcaStatusUnspecified, limit: 1000, pageToken: token),
                options: connection.callOptions)
            certificates += page.certificates
            token = page.nextPageToken
        } while !token.isEmpty
        return certificates
    }

    /// Writes `bytes` to `path` (0644), creating its directory.
    /// - Returns: the written path.
    static func write(_ bytes: [UInt8], to path: String) throws(CertctlError) -> String {
        let url = URL(fileURLWithPath: path)
        let directory = try OutputDirectory(url.deletingLastPathComponent().path)
        return try directory.save(url.lastPathComponent, bytes, .publicFile)
    }
}

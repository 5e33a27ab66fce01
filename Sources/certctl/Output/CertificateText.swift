import CertAPI

/// The human forms of certificate entries: a table for listings, a block for one entry.
///
/// Isolation: a namespace of pure functions.
enum CertificateText {
    /// One row per entry: id, name, common name, status, days left, expiry date, key, source.
    static func table(_ certificates: [Certificate]) -> String {
        var table = TextTable(headers: ["id", "name", "common name", "status", "days", "not after", "key", "source"])
        for certificate in certificates {
            table.rows.append([
                certificate.id,
                certificate.name,
                certificate.details.commonName,
                certificate.status.jsonName,
                String(certificate.daysRemaining),
                certificate.details.notAfter.day,
                Self.keyDescription(certificate.details),
                certificate.source.jsonName,
            ])
        }
        return table.render()
    }

    /// Every field of one entry as `key: value` lines.
    static func block(_ certificate: Certificate) -> String {
        var block = KeyValueBlock()
        block.add("id", certificate.id)
        block.add("name", certificate.name)
        block.add("source", certificate.source.jsonName)
        block.add("algorithm", certificate.algorithm.jsonName)
        Self.addDetails(certificate.details, to: &block)
        block.add("days remaining", String(certificate.daysRemaining))
        block.add("status", certificate.status.jsonName)
        block.add(
            "chain",
            "\(certificate.chainLength) above the leaf, \(certificate.chainComplete ? "complete" : "incomplete")")
        if let sharedBy = certificate.sharedBy {
            block.add(
                "shared by", "\(sharedBy.ownerAccountID) (\(sharedBy.certificateID)) since \(sharedBy.sharedAt.iso8601)"
            )
        }
        for share in certificate.shared {
            block.add("shared with", "\(share.recipientAccountID) since \(share.sharedAt.iso8601)")
        }
        block.add("resource group", certificate.resourceGroup)
        block.add(
            "tags", certificate.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        block.add("has key", certificate.hasKey ? "yes" : "no")
        block.add("csr", certificate.csrID ?? "")
        if let encryption = certificate.encryptionDetails {
            block.add("encryption cert", "\(encryption.subject) (serial \(encryption.serialNumber))")
        }
        for warning in certificate.warnings {
            block.add("warning", "\(warning.message) (\(warning.code))")
        }
        block.add("created", certificate.createdAt.iso8601)
        block.add("updated", certificate.updatedAt.iso8601)
        return block.render()
    }

    /// The details rows shared by `cert get` and `tools describe`.
    static func addDetails(_ details: CertificateDetails, to block: inout KeyValueBlock) {
        block.add("subject", details.subject)
        block.add("common name", details.commonName)
        block.add("sans", details.sans.joined(separator: ", "))
        block.add("issuer", details.issuer)
        block.add("serial", details.serialNumber.lowercased())
        block.add("sha256", details.fingerprintSHA256.lowercased())
        block.add("sha1", details.fingerprintSHA1.lowercased())
        block.add("key", Self.keyDescription(details))
        block.add("signature", details.signatureAlgorithm)
        block.add("not before", details.notBefore.iso8601)
        block.add("not after", details.notAfter.iso8601)
        if details.isCA {
            block.add("ca", details.pathLength.map { "yes, path length \($0)" } ?? "yes")
        }
        block.add("key usage", details.keyUsage.joined(separator: ", "))
        block.add("extended key usage", details.extendedKeyUsage.joined(separator: ", "))
        if details.selfSigned { block.add("self-signed", "yes") }
    }

    /// e.g. `RSA 2048`, `EC P-256`, `SM2`.
    static func keyDescription(_ details: CertificateDetails) -> String {
        if details.keySize > 0 { return "\(details.keyAlgorithm) \(details.keySize)" }
        if !details.curve.isEmpty && details.curve != details.keyAlgorithm {
            return "\(details.keyAlgorithm) \(details.curve)"
        }
        return details.keyAlgorithm
    }
}

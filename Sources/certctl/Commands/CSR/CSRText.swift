import CertAPI

/// The human forms of CSRs: a table for listings, a block for one.
///
/// Isolation: a namespace of pure functions.
enum CSRText {
    static func table(_ csrs: [CSR]) -> String {
        var table = TextTable(headers: ["id", "common name", "key", "has key", "used by", "created"])
        for csr in csrs {
            table.rows.append([
                csr.id, csr.commonName, csr.keyAlgorithm, csr.hasKey ? "yes" : "no", csr.usedByCertificateID ?? "",
                csr.createdAt.day,
            ])
        }
        return table.render()
    }

    /// The fields of one CSR, then its PEM.
    static func block(_ csr: CSR) -> String {
        var block = KeyValueBlock()
        block.add("id", csr.id)
        block.add("subject", csr.subject)
        block.add("common name", csr.commonName)
        block.add("sans", csr.sans.joined(separator: ", "))
        block.add("key", csr.keyAlgorithm)
        block.add("key held by certd", csr.hasKey ? "yes" : "no")
        block.add("public key sha256", csr.publicKeyFingerprintSHA256)
        block.add("used by", csr.usedByCertificateID ?? "")
        block.add("created", csr.createdAt.iso8601)
        let pem = csr.csrPEM.hasSuffix("\n") ? String(csr.csrPEM.dropLast()) : csr.csrPEM
        return block.render() + (pem.isEmpty ? "" : "\n" + pem)
    }
}

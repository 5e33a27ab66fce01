import CertAPI

/// The human forms of accounts.
///
/// Isolation: a namespace of pure functions.
enum AccountText {
    static func table(_ accounts: [Account]) -> String {
        var table = TextTable(headers: ["id", "name", "identity", "verified", "site", "role", "created"])
        for account in accounts {
            table.rows.append([
                account.id, account.displayName, account.identity.name, account.identity.verified ? "yes" : "no",
                account.site.jsonName, account.role.jsonName, account.createdAt.day,
            ])
        }
        return table.render()
    }

    static func block(_ account: Account) -> String {
        var block = KeyValueBlock()
        block.add("id", account.id)
        block.add("name", account.displayName)
        block.add("identity", account.identity.name + (account.identity.verified ? " (verified)" : " (not verified)"))
        block.add("site", account.site.jsonName)
        block.add("role", account.role.jsonName)
        block.add("created", account.createdAt.iso8601)
        for fingerprint in account.clientCertificateFingerprints {
            block.add("client cert", fingerprint)
        }
        return block.render()
    }
}

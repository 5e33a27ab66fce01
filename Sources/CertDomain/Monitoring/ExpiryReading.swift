public import Foundation

/// One certificate's expiry as the metrics endpoint exports it (issue 7).
///
/// Role: the rows of ``InventoryMonitor/expiryReadings()``, one gauge each.
/// Isolation: a value type.
public struct ExpiryReading: Sendable, Equatable {
    public var id: CertificateID
    public var name: String
    public var account: AccountID
    public var source: CertificateSource
    public var notAfter: Date
    public var status: CertificateStatus

    public init(
        id: CertificateID, name: String, account: AccountID, source: CertificateSource, notAfter: Date,
        status: CertificateStatus
    ) {
        self.id = id
        self.name = name
        self.account = account
        self.source = source
        self.notAfter = notAfter
        self.status = status
    }
}

extension InventoryMonitor {
    /// Every entry of every account, for the server's metrics endpoint (not an RPC: no caller).
    /// - Returns: one reading per entry, accounts in byte order.
    public func expiryReadings() throws(DomainError) -> [ExpiryReading] {
        let now = self.domainStore.clock.now()
        return try self.domainStore.read { reader in
            var readings: [ExpiryReading] = []
            var after: AccountID?
            while true {
                let accounts = try reader.listAccounts(after: after, limit: 500)
                guard let last = accounts.last else { break }
                after = last.id
                for account in accounts {
                    for entry in try reader.allCertificates(owner: account.id, now: now) {
                        readings.append(
                            ExpiryReading(
                                id: entry.id, name: entry.name, account: account.id, source: entry.source,
                                notAfter: entry.details.notAfter,
                                status: CertificateStatus(notAfter: entry.details.notAfter, now: now)))
                    }
                }
            }
            return readings
        }
    }
}

public import Foundation

extension ExpiryNotifications {
    /// The caller's pending tasks at the clock's now (answered also while snoozed).
    public nonisolated func pendingTasks(_ caller: Caller) throws(DomainError) -> PendingTasks {
        let now = self.now()
        return try self.domainStore.read { reader in
            let account = caller.accountID
            let settings = try Self.settings(of: account, in: reader)
            let longestLead = Int64(settings.leadTimeDays.max() ?? 30) * 86_400
            let switches = try reader.notificationSwitches(owner: account)
            let entries = try reader.allCertificates(owner: account, now: now)
            let quota = try Self.quota(of: account, in: reader, now: now)
            var tasks = PendingTasks(quotaRemaining: quota.remaining, quotaRequired: quota.required)
            for entry in entries {
                if !switches.contains(entry.id.rawValue) { tasks.notificationsOff.append(entry.id) }
                if try !reader.isDeployed(entry.id) { tasks.notDeployed.append(entry.id) }
                if entry.details.notAfter.unixSeconds - now.unixSeconds <= longestLead {
                    tasks.needsRenewal.append(entry.id)
                }
            }
            if let snooze = try reader.decodedDocument(SnoozeRecord.self, in: .taskSnoozes, key: account.rawValue),
                snooze.until > now
            {
                tasks.snoozedUntil = snooze.until
            }
            return tasks
        }
    }

    /// Turns notifications on for some or all of the caller's certificates that have them off, in
    /// one step: all or nothing.
    /// - Parameter ids: the certificates, or nil for every one with notifications off.
    /// - Returns: the ids switched on and the quota afterwards.
    /// - Throws: ``DomainError/quotaExceeded(required:remaining:)`` (nothing changes),
    ///   ``DomainError/certificateNotFound(id:)``, ``DomainError/invalidArgument(field:detail:)`` when
    ///   nothing is named or nothing is off.
    public func enableNotifications(_ caller: Caller, ids: [CertificateID]?) async throws(DomainError)
        -> (changed: [CertificateID], quota: NotificationQuota)
    {
        let time = self.now()
        return try await self.domainStore.audited(caller, .notificationsEnabled, target: "") {
            () async throws(DomainError) -> (changed: [CertificateID], quota: NotificationQuota) in
            if let ids, ids.isEmpty {
                throw .invalidArgument(field: "ids", detail: "name certificates, or ask for all")
            }
            return try await self.domainStore.write { writer in
                var chosen = ids ?? []
                if ids == nil {
                    let switches = try writer.notificationSwitches(owner: caller.accountID)
                    chosen = try writer.allCertificates(owner: caller.accountID, now: time)
                        .filter { !switches.contains($0.id.rawValue) }.map(\.id)
                }
                return try Self.switchNotifications(
                    writer: writer, caller: caller, ids: chosen, enabled: true, time: time,
                    action: .notificationsEnabled)
            }
        }
    }

    /// Renews certificates in one step through the injected ``CertificateRenewing``.
    ///
    /// Every id is checked before any renewal starts: an uploaded certificate is refused with a
    /// pointer to `certctl cert replace`, a shared one because only its owner can renew it.
    /// - Parameter ids: the certificates (1...100).
    /// - Returns: the renewed entries, in the order of `ids`.
    /// - Throws: ``DomainError/renewalUnsupported(id:source:)``, ``DomainError/renewalUnavailable(id:detail:)``,
    ///   ``DomainError/certificateNotFound(id:)``, or what the renewer throws.
    public func renew(_ caller: Caller, ids: [CertificateID]) async throws(DomainError) -> [CertificateEntry] {
        guard (1...100).contains(ids.count) else {
            throw .invalidArgument(field: "ids", detail: "name 1 to 100 certificates")
        }
        for id in ids {
            let entry = try self.domainStore.read { try $0.certificate(id: id) }
            guard let entry, entry.ownerAccountID == caller.accountID else { throw .certificateNotFound(id: id) }
            switch entry.source {
            case .uploaded, .shared: throw .renewalUnsupported(id: id, source: entry.source)
            case .official, .pca:
                guard self.renewer != nil else {
                    throw .renewalUnavailable(
                        id: id, detail: "this server has no issuer for \(entry.source.rawValue) certificates")
                }
            }
        }
        guard let renewer = self.renewer else { return [] }
        var renewed: [CertificateEntry] = []
        for id in ids { renewed.append(try await renewer.renew(caller, id: id)) }
        return renewed
    }

    /// Silences the pending-tasks reminder for 7 days from the clock's now.
    /// - Returns: when the reminder speaks again.
    public func snoozeTasks(_ caller: Caller) async throws(DomainError) -> Date {
        let time = self.now()
        let until = time.addingTimeInterval(Self.snoozeDuration)
        try await self.domainStore.write { writer in
            try writer.putEncodedDocument(SnoozeRecord(until: until), in: .taskSnoozes, key: caller.accountID.rawValue)
            try AuditTrail.append(
                to: writer, time: time, caller: caller, action: .tasksSnoozed, target: caller.accountID.rawValue,
                details: ["until": String(until.unixSeconds)])
        }
        return until
    }
}
